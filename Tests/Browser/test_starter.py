"""The portal `exportal init` writes, built with its own copied templates and assets: every page
and the exporter's checklist have no axe-core violation in light and dark mode, and none logs a
console error or asks for anything outside the portal (the vnu check is StarterPortalTests)."""

import pathlib
import shutil
import subprocess
import tempfile
import unittest

import harness


class StarterPortalTests(harness.BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = pathlib.Path(tempfile.mkdtemp(prefix="exportal-starter-"))
        portal = cls.workdir / "portal"
        result = subprocess.run([harness.exportal_path(), "init", str(portal)], cwd=harness.REPO,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"exportal init failed ({result.returncode}):\n{result.stderr}")
        cls.site = harness.Site(portal / "Content", portal / "Templates", portal / "Public")
        cls.driver = harness.driver()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.workdir, ignore_errors=True)

    def tearDown(self):
        harness.set_color_scheme(self.driver, "light")
        super().tearDown()

    def test_every_page_and_the_checklist_have_no_axe_violations(self):
        pages = self.site.pages()
        self.assertGreaterEqual(len(pages), 15, pages)
        targets = [(p, self.site.url(p)) for p in pages]
        targets.append(("checklist", self.site.checklist_url("example-exporter")))
        for scheme in ("light", "dark"):
            harness.set_color_scheme(self.driver, scheme)
            for name, url in targets:
                with self.subTest(page=name, scheme=scheme):
                    harness.open(self.driver, url)
                    self.assertEqual(harness.console_errors(self.driver), [], name)
                    violations = harness.axe_violations(self.driver)
                    self.assertEqual(violations, [], f"{name} ({scheme}):\n" + harness.describe_violations(violations))


if __name__ == "__main__":
    unittest.main()
