from ui import cache
from ui.views import conditions

conditions.render(cache.content(), cache.evidence())
