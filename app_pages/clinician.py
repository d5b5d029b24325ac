from ui import cache
from ui.views import clinician

clinician.render(cache.content(), cache.evidence())
