from ui import cache
from ui.views import privacy

privacy.render(cache.content(), cache.evidence())
