"""The demo letter's Welsh text: the demo organisation works in English and Welsh. Called by
the demo command before the letter is published, so both texts are logged at publication."""

from undersigned.letters import translations
from undersigned.letters.models import Letter

TITLE = "Undod gyda Sam Okafor: nid oes statws i gynnig Wearside"
ADDRESSEE = "Y Pwyllgor Rhanbarthol, Northern Members' Network"
BODY = """Rydym yn aelodau o'r Northern Members' Network, yn ysgrifennu o bob rhan o'r rhanbarth.

Nos Iau pleidleisiodd cangen Wearside i ddiarddel ein cydweithiwr **Sam Okafor**. Nid oedd y
cynnig ar yr agenda a gyhoeddwyd, fe'i cynigiwyd heb rybudd, ac nid oes iddo statws o dan
reolau'r Rhwydwaith: dim ond y pwyllgor rhanbarthol a all ddod ag aelodaeth i ben, a hynny
ar ôl gwrandawiad yn unig.

Mae Sam wedi trefnu yn y rhanbarth hwn ers un mlynedd ar ddeg. Dysgodd llawer ohonom gan Sam
sut i gynnal cyfarfod, cadeirio trafodaeth anodd neu guro ar ddrws dieithryn.

Gofynnwn i'r pwyllgor rhanbarthol:

1. ddatgan yn gyhoeddus nad yw cynnig y gangen yn effeithio ar aelodaeth Sam;
2. cyfeirio unrhyw gŵyn at y broses briodol, gyda gwrandawiad teg; a
3. atgoffa pob cangen fod angen rhybudd a statws ar gynigion am aelodau unigol.

Llofnodwn fel aelodau unigol, mewn undod.
"""


def add_welsh(letter: Letter) -> None:
    """Give the demo letter its Welsh text (once)."""
    if not letter.translations.filter(language="cy").exists():
        translations.translate(letter, "cy", title=TITLE, body=BODY, addressee=ADDRESSEE)
