from ui import cache
from ui.views import path

path.render(cache.content(), cache.evidence())
