from ui import cache
from ui.views import home

home.render(cache.content(), cache.evidence())
