from ui import cache
from ui.views import compare

compare.render(cache.content(), cache.evidence())
