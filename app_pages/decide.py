from ui import cache
from ui.views import decide

decide.render(cache.content(), cache.evidence())
