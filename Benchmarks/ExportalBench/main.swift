ExportalBench.main()
