"""One render function per page. Pages call them; tests and screenshots reach them via pages."""
