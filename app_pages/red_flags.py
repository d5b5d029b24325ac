from ui import cache
from ui.views import red_flags

red_flags.render(cache.content(), cache.evidence())
