from ui import cache
from ui.views import explore

explore.render(cache.content(), cache.evidence())
