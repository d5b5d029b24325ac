from ui import cache
from ui.views import ibp_check

ibp_check.render(cache.content(), cache.evidence())
