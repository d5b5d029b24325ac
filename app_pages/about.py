from ui import cache
from ui.views import about

about.render(cache.content(), cache.evidence())
