"""The aid's pages by name. The domain package names a page where a step is done (the summary's
"not done yet: go to …"); ui/pages.py gives each name its file, address, icon and menu section,
and a test checks that every name has exactly one page."""

from enum import StrEnum


class PageName(StrEnum):
    HOME = "home"
    RED_FLAGS = "red_flags"
    PATH = "path"
    EXPLORE = "explore"
    COMPARE = "compare"
    VALUES = "values"
    DECIDE = "decide"
    SUMMARY = "summary"
    IBP_CHECK = "ibp_check"
    CONDITIONS = "conditions"
    MEDICINES = "medicines"
    ABOUT = "about"
    PRIVACY = "privacy"
    CLINICIAN = "clinician"

    @property
    def title_key(self) -> str:
        """The content key of the page's title in the menu (data/content/common.yaml)."""
        return f"common.nav.{self.value}"
