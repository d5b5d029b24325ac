"""Every source links to a primary place: the journal (a DOI), PubMed or PubMed Central, the
guideline body, a regulator or a government or health-service page. A link anywhere else (a news
site, a trade magazine, a drug-information site, a document mirror, a staging copy) needs a plain
reason in `link_exception`, and a primary link must not keep an old reason."""

from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from backpain_aid.evidence.models import Source
from backpain_aid.paths import DATA_DIR
from tests.conftest import read_rows

#: A DOI link: the journal's own record, whoever publishes it.
DOI_PREFIX = "https://doi.org/10."

#: Hosts that publish primary material. An entry also covers its subdomains (nhs.uk would cover
#: every NHS site, so local NHS bodies are listed one by one, by the host of their own site).
PRIMARY_HOSTS = frozenset(
    {
        # Indexes of the journal literature (US National Library of Medicine) and Cochrane.
        "pubmed.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "www.ncbi.nlm.nih.gov",
        "cochranelibrary.com",
        # Guideline bodies.
        "nice.org.uk",
        "who.int",
        "acpjournals.org",
        # Regulators and governments: GOV.UK (with the MHRA and its alerting system), the FDA,
        # the EU (with the EMA), the UK Parliament.
        "gov.uk",
        "fda.gov",
        "europa.eu",
        "parliament.uk",
        # National health services.
        "www.nhs.uk",
        "england.nhs.uk",
        "nhsinform.scot",
        "rightdecisions.scot.nhs.uk",  # NHS Scotland's decision-support platform
        "gettingitrightfirsttime.co.uk",  # GIRFT, an NHS England programme
        "cks.nhs.uk",  # NHS Clinical Knowledge Summaries before they moved to cks.nice.org.uk
        # Local NHS bodies publishing their own leaflets, pathways and referral guides.
        "royalfree.nhs.uk",  # Royal Free London NHS Foundation Trust
        "medicines.necsu.nhs.uk",  # NHS North of England Commissioning Support
        "rms.cornwall.nhs.uk",  # NHS Cornwall Referral Management Service
        "g-care.glos.nhs.uk",  # NHS Gloucestershire G-care
        "northerntrust.hscni.net",  # Northern Health and Social Care Trust (Northern Ireland)
    }
)

#: The shortest plain reason a non-primary link may give.
MIN_REASON_LENGTH = 20


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_doi(url: str) -> bool:
    return url.startswith(DOI_PREFIX)


def is_primary(url: str) -> bool:
    host = host_of(url)
    return is_doi(url) or any(host == entry or host.endswith("." + entry) for entry in PRIMARY_HOSTS)


def link_problem(source: Source) -> str | None:
    """What is wrong with one source's link, or None."""
    primary = is_primary(source.doi_or_url)
    if primary and source.link_exception:
        return "primary link with a link_exception left over: empty it"
    if not primary and len(source.link_exception) < MIN_REASON_LENGTH:
        return (
            f"{host_of(source.doi_or_url) or source.doi_or_url} is not a primary place: link the DOI, "
            "PubMed or the publishing body, or say why not in link_exception "
            f"({MIN_REASON_LENGTH} characters or more)"
        )
    return None


def source(url: str, link_exception: str = "") -> Source:
    return Source(
        id="a_source",
        authors="Nobody A",
        year=2020,
        title="A title here",
        publisher="A publisher",
        doi_or_url=url,
        type="other",
        link_exception=link_exception,
    )


def test_every_row_of_sources_csv_is_checked(evidence):
    _, rows = read_rows(DATA_DIR / "sources.csv")
    assert [row["id"] for row in rows] == list(evidence.sources)


def test_every_source_links_to_a_primary_place_or_says_why(evidence):
    problems = {
        source_id: link_problem(item)
        for source_id, item in evidence.sources.items()
        if not is_primary(item.doi_or_url) and len(item.link_exception) < MIN_REASON_LENGTH
    }
    assert not problems, problems


def test_no_primary_link_keeps_an_exception(evidence):
    stale = [
        source_id
        for source_id, item in evidence.sources.items()
        if item.link_exception and is_primary(item.doi_or_url)
    ]
    assert not stale, f"primary links with a leftover link_exception: {stale}"


def test_every_exception_is_a_reason(evidence):
    short = {
        source_id: item.link_exception
        for source_id, item in evidence.sources.items()
        if item.link_exception and len(item.link_exception) < MIN_REASON_LENGTH
    }
    assert not short, short


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.1136/bmj.b3829",
        "https://pubmed.ncbi.nlm.nih.gov/20705870/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC558090",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC558090/",
        "https://www.nice.org.uk/guidance/ng59",
        "https://cks.nice.org.uk/topics/sciatica-lumbar-radiculopathy/",
        "https://www.gov.uk/drug-safety-update/corticosteroids-early-psychiatric-side-effects",
        "https://www.cas.mhra.gov.uk/ViewandAcknowledgment/ViewAlert.aspx?AlertID=103082",
        "https://www.fda.gov/drugs/drug-safety-and-availability",
        "https://www.ema.europa.eu/en/medicines",
        "https://www.nhsinform.scot/illnesses-and-conditions/muscle-bone-and-joints/conditions/sciatica",
        "https://royalfree.nhs.uk/patients-and-visitors/patient-information-leaflets/cauda-equina-syndrome",
    ],
)
def test_primary_places_pass(url):
    assert is_primary(url)
    assert link_problem(source(url)) is None


@pytest.mark.parametrize(
    "url",
    [
        # News, press wires and trade magazines.
        "https://www.news.lt/Law-And-Order-Crime/Need-help-Dial-112.im?f=c&id=189320&p=12",
        "https://www.einpresswire.com/article/505358053/neurontin-gralise-horizant",
        "https://healthnewsdigest.com/2009/08/26/using-acetaminophen-safely-2/",
        "https://www.clinicaladvisor.com/home/evidence-based-medicine/most-sciatica-patients-recover-without-surgery/",
        # Drug-information sites.
        "https://www.drugs.com/video/ibuprofen-warnings-precautions-168/",
        "http://www.mayoclinic.org/drugs-supplements/duloxetine-oral-route/precautions/drg-20067247",
        # Mirrors, copies and staging sites.
        "https://fayllar.org/inflammatory-back-pain-assessment-asas-expert-criteria.html",
        "https://www.parallelparliament.co.uk/question/257661/steroid-drugs-side-effects",
        "https://nhsinform-n1.azurewebsites.net/illnesses-and-conditions/muscle-bone-and-joints/conditions/sciatica",
        "https://sheffieldachespains-staging.preflight.site/conditions/back-pain/what-is-back-pain",
        # A local hospital site not on the list, and look-alike hosts.
        "https://www.some-hospital.nhs.uk/leaflets/back-pain.pdf",
        "https://nice.org.uk.example.com/guidance/ng59",
        "https://fakenice.org.uk/guidance/ng59",
        "https://doi.org.example.com/10.1136/bmj.b3829",
        "https://doi.org/not-a-doi",
    ],
)
def test_news_mirror_and_copy_links_fail_without_a_reason(url):
    assert not is_primary(url)
    assert link_problem(source(url)) is not None
    assert link_problem(source(url, "The publisher's own page was not found.")) is None


def test_a_primary_link_with_a_leftover_exception_fails():
    leftover = source("https://doi.org/10.1136/bmj.b3829", "No primary link was found for it.")
    assert link_problem(leftover) is not None


def test_the_loader_refuses_a_reason_too_short_to_read():
    with pytest.raises(ValidationError, match="link_exception"):
        source("https://www.drugs.com/ibuprofen.html", "a copy")


def test_the_allowlist_is_bare_lowercase_hosts():
    for entry in PRIMARY_HOSTS:
        assert entry == entry.lower().strip(".") and "/" not in entry and ":" not in entry, entry
