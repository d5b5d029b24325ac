from ui import cache
from ui.views import summary

summary.render(cache.content(), cache.evidence())
