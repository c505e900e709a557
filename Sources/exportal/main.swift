import ExportalCore

Exportal.main()
