from ui import cache
from ui.views import medicines

medicines.render(cache.content(), cache.evidence())
