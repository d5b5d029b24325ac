from ui import cache
from ui.views import values

values.render(cache.content(), cache.evidence())
