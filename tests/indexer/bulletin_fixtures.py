"""Hand-written newsletters in each layout of the series, and the entries they hold.

Every entry below is invented for the tests (titles, sources, descriptions): none is copied
from a public bulletin. The three fixtures follow the layouts the series used:

- `ANCT_SECTIONS`: an ANCT « Bulletin de veille » with the two-line masthead
  (« Veille & territoires - Bulletin de veille ANCT » / « #327 Bulletin du … ») and its
  sections as headings in the flow;
- `ANCT_ONE_LINE`: an ANCT bulletin with the one-line masthead and no section at all;
- `CGET_ISSUE`: a CGET « En quelques clics » issue, with a Sommaire announcing its sections,
  as the seed is.

Each is a list of `Block`s (see fixture_blocks.py) rendered here as plain text (`as_text`,
a copy of the bulletin: wrapped titles keep their hard wraps) and as an HTML e-mail
(`as_html`: nested tables, inline styles, titles and link labels as links, a hidden
preheader and an unsubscribe footer). A publisher printed alone on its line above the
source is a source block of its own: it is a line of its own in every rendering.

`expected` is each fixture read by hand, one row per entry in print order. `source` is
the journal as `Entry.source` holds it: its title, number, date and pages as printed
(empty when the source line names only publishers).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from indexer.extraction.entry import Entry
from tests.indexer.fixture_blocks import Block

PUB, RES, EVENT = "publication", "resource", "event"
SITE = "https://veille.example.org"

# Canonical publisher labels, as in indexer/data/publishers.tsv.
ADEME = "Agence de l'environnement et de la maîtrise de l'énergie (Ademe)"
ADEUPA = "Agence d'urbanisme Brest-Bretagne (ADEUPa)"
ANAH = "Agence nationale de l'habitat (Anah)"
ANCT = "Agence nationale de la cohésion des territoires (ANCT)"
CDC = "Caisse des dépôts et consignations (CDC)"  # « Banque des territoires » is one of its names
CEREMA = (
    "Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et "
    "l'aménagement (Cerema)"
)
CGET = "Commissariat général à l'égalité des territoires (CGET)"
CNSA = "Caisse nationale de solidarité pour l'autonomie (CNSA)"
FNAU = "Fédération nationale des agences d'urbanisme (FNAU)"
IAU = "Institut d'aménagement et d'urbanisme de la région Île-de-France (IAU)"
INSEE = "Institut national de la statistique et des études économiques (Insee)"
OFGL = "Observatoire des finances et de la gestion publiques locales (OFGL)"


@dataclass(frozen=True)
class Expected:
    """One entry as a reader cites it, written by hand from the fixture."""

    title: str
    authors: tuple[str, ...]
    publishers: tuple[str, ...]
    source: str
    year: int | None
    pages: int | None
    section: str
    kind: str

    @classmethod
    def of(cls, entry: Entry) -> Expected:
        """Return the fields of the hand-read table for one extracted entry."""
        return cls(
            entry.title,
            tuple(entry.authors),
            tuple(entry.publishers),
            entry.source,
            entry.year,
            entry.pages,
            entry.section,
            entry.kind,
        )


@dataclass(frozen=True)
class Fixture:
    """A newsletter in blocks, the layout the extractor should see, and its entries."""

    name: str
    layout: str  # the key of indexer.extraction.layouts.Layout
    issue: str  # the issue label every entry carries
    blocks: tuple[Block, ...]
    expected: tuple[Expected, ...]


def item(
    title: str, *sources: str, body: tuple[str, ...] = (), links: tuple[str, ...] = ()
) -> list[Block]:
    """Return the blocks of one entry: title (a link), sources, paragraphs, link labels."""
    slug = "-".join(title.split()[:4]).lower().strip(".,:?")
    blocks = [Block("title", title, f"{SITE}/{slug}")]
    blocks += [Block("source", source) for source in sources]
    blocks += [Block("body", paragraph) for paragraph in body]
    blocks += [Block("link", label, f"{SITE}/{slug}/{n}") for n, label in enumerate(links, 1)]
    return blocks


def heading(text: str) -> list[Block]:
    """Return a section heading."""
    return [Block("heading", text)]


# -- an ANCT bulletin: two-line masthead, sections in the flow ------------------------------

S_ACTION, S_LOCAL, S_TRADE, S_MOBILITY = (
    "Action publique",
    "Collectivités locales",
    "Commerce",
    "Mobilités",
)

ANCT_SECTIONS = Fixture(
    name="bulletin-327",
    layout="anct-bulletin-two-line",
    issue="Bulletin #327 — 6 février 2023",
    blocks=(
        Block("masthead", "Veille & territoires - Bulletin de veille ANCT"),
        Block("masthead", "#327 Bulletin du 6 février 2023"),
        *heading(S_ACTION),
        *item(
            "Évaluer les politiques territoriales : méthodes et usages dans les\n"
            "collectivités de taille moyenne",
            "France Stratégie, janvier 2023. 84 p.",
            body=(
                "Ce rapport dresse un état des lieux des pratiques d'évaluation dans les communes "
                "et les intercommunalités de 20 000 à 100 000 habitants. Il s'appuie sur une "
                "enquête nationale et sur douze monographies pour proposer des repères de méthode "
                "aux équipes qui conduisent ces démarches.",
            ),
            links=("Le rapport", "La synthèse"),
        ),
        *item(
            "Les services publics itinérants en milieu rural, une réponse durable ?",
            "Claire Moreau, Julien Garnier, Hélène Vasseur. Revue française d'administration "
            "locale, #12, décembre 2022. pp. 45-71",
            body=(
                "Les auteurs suivent pendant deux ans trois dispositifs de bus itinérants qui "
                "desservent des villages éloignés de tout guichet. Ils montrent que la "
                "fréquentation dépend moins de la fréquence des passages que de la présence "
                "d'agents formés à l'accompagnement des démarches en ligne.",
                "Ils concluent sur les conditions de financement qui permettraient de pérenniser "
                "ces services au-delà de la phase d'expérimentation.",
            ),
            links=("L'article",),
        ),
        *heading(S_LOCAL),
        *item(
            "Finances des communes nouvelles : cinq ans après la fusion, quels\n"
            "effets sur l'investissement local ?",
            "Observatoire des finances et de la gestion publiques locales (OFGL)",
            "Focus finances, n° 21, janvier 2023. 28 p.",
            body=(
                "L'Observatoire compare les comptes des communes nouvelles créées entre 2015 et "
                "2017 à ceux de communes de taille comparable restées isolées. L'écart "
                "d'investissement observé les premières années se réduit nettement à partir de "
                "la quatrième année suivant la fusion.",
            ),
            links=("L'étude", "Le tableau de bord"),
        ),
        *item(
            "Intercommunalités et gestion de l'eau : bilan du transfert de compétence",
            "Cerema, décembre 2022. 56 p.",
            body=(
                "Trois ans après le transfert obligatoire des compétences eau et assainissement, "
                "cette étude décrit les modes de gestion retenus par les communautés, les "
                "difficultés rencontrées dans les territoires de montagne et les coopérations "
                "nouées avec les syndicats existants.",
            ),
            links=("Le rapport", "La synthèse", "Le site"),
        ),
        *item(
            "Webinaire : financer la rénovation énergétique des écoles rurales",
            body=(
                "Ce webinaire organisé par la Banque des territoires se tiendra le 14 mars 2023 de "
                "10 heures à midi. Des élus de petites communes y présenteront les montages "
                "financiers qui leur ont permis de rénover leurs groupes scolaires.",
            ),
            links=("L'inscription",),
        ),
        *heading(S_TRADE),
        *item(
            "Les commerces de centre-bourg face à la vacance : diagnostic et leviers\n"
            "d'action pour les petites villes",
            "Institut pour la ville et le commerce, Fédération nationale des agences "
            "d'urbanisme, novembre 2022. 64 p.",
            body=(
                "Fondée sur l'observation de quarante centres-bourgs, l'étude distingue plusieurs "
                "profils de vacance commerciale et présente les outils mobilisés par les "
                "collectivités : foncières de redynamisation, boutiques à l'essai, droit de "
                "préemption commercial.",
            ),
            links=("L'étude",),
        ),
        *item(
            "Commerce de proximité en zone rurale : quelles conditions de maintien ?",
            "Sophie Lambert, Nicolas Perrin. Géographie et territoires ruraux, #7, octobre "
            "2022. pp. 601-628",
            body=(
                "À partir d'une enquête menée auprès de commerçants de quatre départements, "
                "l'article analyse ce qui permet à une épicerie ou à une boulangerie de se "
                "maintenir dans un village : clientèle de passage, soutien de la commune, "
                "diversification des services proposés.",
            ),
            links=("L'article", "Le résumé"),
        ),
        *heading(S_MOBILITY),
        *item(
            "Mobilités du quotidien dans les territoires peu denses : retours\n"
            "d'expérience de dix intercommunalités",
            "Agence nationale de la cohésion des territoires (ANCT), Cerema, janvier 2023. 72 p.",
            body=(
                "Transport à la demande, autopartage, lignes de covoiturage, aides au permis de "
                "conduire : ce guide rassemble dix démarches conduites par des communautés de "
                "communes et en tire des enseignements pour les autorités organisatrices.",
            ),
            links=("Le guide", "Les fiches"),
        ),
        *item(
            "Covoiturage domicile-travail : les aides des collectivités ont-elles\n"
            "changé les pratiques ?",
            "Banque des territoires, décembre 2022. 36 p.",
            body=(
                "L'étude mesure l'effet des primes versées aux covoitureurs par une vingtaine de "
                "collectivités sur les trajets entre le domicile et le travail, et montre que "
                "l'effet s'estompe lorsque les aides cessent.",
            ),
            links=("L'étude", "L'infographie"),
        ),
        *item(
            "Quel avenir pour les gares de moyenne montagne ? Le cas du Massif\n"
            "Central et des Vosges",
            "Cerema, Institut Paris Region, janvier 2023. 68 p.",
            body=(
                "Fréquentation, desserte, état des bâtiments, projets de reconversion : cette "
                "étude dresse le portrait de soixante gares de moyenne montagne et propose des "
                "pistes pour en faire des lieux de services pour les habitants.",
            ),
            links=("Le rapport",),
        ),
        *item(
            "Une plateforme nationale pour les autorités organisatrices de la mobilité rurale",
            body=(
                "Lancée par le Cerema et l'ANCT, cette plateforme rassemble des fiches "
                "pratiques, des retours d'expérience et un annuaire des solutions de mobilité "
                "disponibles dans les territoires ruraux.",
            ),
            links=("Le site",),
        ),
    ),
    expected=(
        Expected(
            "Évaluer les politiques territoriales : méthodes et usages dans les collectivités "
            "de taille moyenne",
            (), ("France Stratégie",), "", 2023, 84, S_ACTION, PUB,
        ),
        Expected(
            "Les services publics itinérants en milieu rural, une réponse durable ?",
            ("Claire Moreau", "Julien Garnier", "Hélène Vasseur"), (),
            "Revue française d'administration locale, #12, décembre 2022. pp. 45-71",
            2022, 27, S_ACTION, PUB,
        ),
        Expected(
            "Finances des communes nouvelles : cinq ans après la fusion, quels effets sur "
            "l'investissement local ?",
            (), (OFGL,), "Focus finances, n° 21, janvier 2023. 28 p", 2023, 28, S_LOCAL, PUB,
        ),
        Expected(
            "Intercommunalités et gestion de l'eau : bilan du transfert de compétence",
            (), (CEREMA,), "", 2022, 56, S_LOCAL, PUB,
        ),
        Expected(
            "Webinaire : financer la rénovation énergétique des écoles rurales",
            (), (CDC,), "", 2023, None, S_LOCAL, EVENT,  # « organisé par … le 14 mars 2023 »
        ),
        Expected(
            "Les commerces de centre-bourg face à la vacance : diagnostic et leviers d'action "
            "pour les petites villes",
            (), ("Institut pour la ville et le commerce", FNAU), "", 2022, 64, S_TRADE, PUB,
        ),
        Expected(
            "Commerce de proximité en zone rurale : quelles conditions de maintien ?",
            ("Sophie Lambert", "Nicolas Perrin"), (),
            "Géographie et territoires ruraux, #7, octobre 2022. pp. 601-628",
            2022, 28, S_TRADE, PUB,
        ),
        Expected(
            "Mobilités du quotidien dans les territoires peu denses : retours d'expérience de "
            "dix intercommunalités",
            (), (ANCT, CEREMA), "", 2023, 72, S_MOBILITY, PUB,
        ),
        Expected(
            "Covoiturage domicile-travail : les aides des collectivités ont-elles changé les "
            "pratiques ?",
            (), (CDC,), "", 2022, 36, S_MOBILITY, PUB,
        ),
        Expected(
            "Quel avenir pour les gares de moyenne montagne ? Le cas du Massif Central et des "
            "Vosges",
            (), (CEREMA, IAU), "", 2023, 68, S_MOBILITY, PUB,
        ),
        Expected(
            "Une plateforme nationale pour les autorités organisatrices de la mobilité rurale",
            # « Lancée par le Cerema et l'ANCT »
            (), (CEREMA, ANCT), "", None, None, S_MOBILITY, RES,
        ),
    ),
)  # fmt: skip


# -- an ANCT bulletin: one-line masthead, no sections ---------------------------------------

ANCT_ONE_LINE = Fixture(
    name="bulletin-371",
    layout="anct-bulletin-one-line",
    issue="Bulletin #371 — 10 février 2025",
    blocks=(
        Block(
            "masthead",
            'Bulletin de veille ANCT - "Veille & Territoires #371" - 10 février 2025',
        ),
        *item(
            "Les communes nouvelles et la mutualisation des services : dix ans\n"
            "d'expérimentations",
            "Pierre Roussel. Revue d'études locales, #3, décembre 2024. pp. 211-240",
            body=(
                "L'article revient sur dix années de fusions de communes et examine ce que la "
                "mise en commun des services techniques, scolaires et administratifs a changé "
                "pour les agents comme pour les habitants des anciennes communes.",
            ),
            links=("L'article",),
        ),
        *item(
            "Quel avenir pour les stations de moyenne montagne ? Le cas du Massif\n"
            "Central et des Vosges",
            "Agence nationale de la cohésion des territoires (ANCT), décembre 2024. 46 p.",
            body=(
                "Enneigement incertain, vieillissement des équipements, attentes nouvelles des "
                "visiteurs : l'étude décrit les trajectoires de vingt stations et les stratégies "
                "de diversification qu'elles ont engagées avec leurs intercommunalités.",
            ),
            links=("L'étude", "La synthèse", "Le site"),
        ),
        *item(
            "Les commerces ambulants, un service essentiel dans les villages ?",
            "Margaux Fabre, Thomas Girard. Cahiers de la ruralité, n° 58, 2024/4. pp 88-104",
            body=(
                "Boulangers, épiciers et bouchers en tournée desservent chaque semaine des "
                "milliers de communes sans commerce. Les auteurs décrivent leur clientèle, leurs "
                "contraintes et les aides que les collectivités peuvent leur apporter.",
            ),
            links=("L'article",),
        ),
        *item(
            "Le financement des équipements sportifs par les intercommunalités",
            "Observatoire des finances et de la gestion publiques locales (OFGL)",
            "Focus finances, n° 24, novembre 2024. 20 p.",
            body=(
                "Piscines, gymnases et stades pèsent de plus en plus dans les budgets des "
                "communautés. Cette note retrace l'évolution de leurs dépenses d'investissement "
                "et de fonctionnement consacrées au sport depuis 2017.",
            ),
            links=("La note", "Le tableau de bord"),
        ),
        *item(
            "Sobriété foncière : comment les SCoT intègrent l'objectif de zéro\n"
            "artificialisation nette",
            "Fédération nationale des agences d'urbanisme (FNAU), novembre 2024. 52 p.",
            body=(
                "Les agences d'urbanisme ont analysé une trentaine de schémas de cohérence "
                "territoriale en cours de révision pour comprendre comment la réduction de la "
                "consommation d'espaces y est répartie entre les communes.",
            ),
            links=("Le rapport", "En savoir plus"),
        ),
        *item(
            "Rencontre nationale des petites villes : revitaliser par le commerce",
            body=(
                "Cette journée organisée par l'ANCT se tiendra le 27 mars 2025 à Nevers. Élus, "
                "managers de centre-ville et commerçants y échangeront sur les outils qui "
                "permettent de faire revenir les boutiques dans les centres anciens.",
            ),
            links=("Le programme", "L'inscription"),
        ),
        *item(
            "Vieillir dans les territoires ruraux : l'adaptation des logements et des services",
            "Caisse nationale de solidarité pour l'autonomie, Agence nationale de l'habitat, "
            "octobre 2024. 40 p.",
            body=(
                "L'étude croise les données sur le vieillissement de la population et sur l'état "
                "du parc de logements pour repérer les bassins de vie où l'adaptation des "
                "logements et des services à domicile est la plus urgente.",
            ),
            links=("L'étude",),
        ),
        *item(
            "Un outil de diagnostic des besoins en ingénierie des petites communes",
            body=(
                "Développé par le Cerema, cet outil en ligne permet à une commune de décrire ses "
                "projets et de repérer les compétences techniques qui lui manquent pour les "
                "conduire, puis l'oriente vers les offres d'accompagnement existantes.",
            ),
            links=("L'outil", "Le site"),
        ),
        *item(
            "Santé et territoires : la répartition des médecins généralistes entre 2015 et 2024",
            "Institut national de la statistique et des études économiques (Insee), Insee "
            "Première, n° 2031, janvier 2025. 4 p.",
            body=(
                "En dix ans, le nombre de médecins généralistes rapporté à la population a "
                "baissé dans la plupart des départements ruraux, tandis qu'il se maintenait dans "
                "les grandes aires d'attraction des villes et sur le littoral.",
            ),
            links=("La publication",),
        ),
        *item(
            "Tourisme et résidences secondaires : mesurer la population présente\n"
            "tout au long de l'année",
            "Laura Petit, Vincent Roux, Anne-Sophie Martin. Populations et territoires, #2, "
            "2024. pp. 1-22",
            body=(
                "Les auteurs proposent une méthode fondée sur les données de téléphonie mobile "
                "pour estimer, semaine après semaine, la population réellement présente dans les "
                "communes touristiques et adapter en conséquence les services publics.",
            ),
            links=("L'article", "Le résumé"),
        ),
        *item(
            "Les friches commerciales en entrée de ville : recensement et pistes de\n"
            "requalification",
            "Cerema, Institut Paris Region, septembre 2024. 68 p.",
            body=(
                "Le guide propose une méthode de recensement des friches commerciales en "
                "périphérie des villes moyennes et présente huit projets de requalification en "
                "logements, en activités artisanales ou en espaces naturels.",
            ),
            links=("Le guide", "Les fiches"),
        ),
    ),
    expected=(
        Expected(
            "Les communes nouvelles et la mutualisation des services : dix ans "
            "d'expérimentations",
            ("Pierre Roussel",), (),
            "Revue d'études locales, #3, décembre 2024. pp. 211-240", 2024, 30, "", PUB,
        ),
        Expected(
            "Quel avenir pour les stations de moyenne montagne ? Le cas du Massif Central et "
            "des Vosges",
            (), (ANCT,), "", 2024, 46, "", PUB,
        ),
        Expected(
            "Les commerces ambulants, un service essentiel dans les villages ?",
            ("Margaux Fabre", "Thomas Girard"), (),
            "Cahiers de la ruralité, n° 58, 2024/4. pp 88-104", 2024, 17, "", PUB,
        ),
        Expected(
            "Le financement des équipements sportifs par les intercommunalités",
            (), (OFGL,), "Focus finances, n° 24, novembre 2024. 20 p", 2024, 20, "", PUB,
        ),
        Expected(
            "Sobriété foncière : comment les SCoT intègrent l'objectif de zéro artificialisation "
            "nette",
            (), (FNAU,), "", 2024, 52, "", PUB,
        ),
        Expected(
            "Rencontre nationale des petites villes : revitaliser par le commerce",
            (), (ANCT,), "", 2025, None, "", EVENT,  # « organisée par l'ANCT … le 27 mars 2025 »
        ),
        Expected(
            "Vieillir dans les territoires ruraux : l'adaptation des logements et des services",
            (), (CNSA, ANAH), "", 2024, 40, "", PUB,
        ),
        Expected(
            "Un outil de diagnostic des besoins en ingénierie des petites communes",
            (), (CEREMA,), "", None, None, "", RES,  # « Développé par le Cerema »
        ),
        Expected(
            "Santé et territoires : la répartition des médecins généralistes entre 2015 et 2024",
            (), (INSEE,), "Insee Première, n° 2031, janvier 2025. 4 p", 2025, 4, "", PUB,
        ),
        Expected(
            "Tourisme et résidences secondaires : mesurer la population présente tout au long "
            "de l'année",
            ("Laura Petit", "Vincent Roux", "Anne-Sophie Martin"), (),
            "Populations et territoires, #2, 2024. pp. 1-22", 2024, 22, "", PUB,
        ),
        Expected(
            "Les friches commerciales en entrée de ville : recensement et pistes de "
            "requalification",
            (), (CEREMA, IAU), "", 2024, 68, "", PUB,
        ),
    ),
)  # fmt: skip


# -- a CGET issue: masthead, Sommaire, sections announced by it -----------------------------

S_BOURGS, S_SERVICES, S_RURAL, AGENDA = (
    "Revitalisation des centres-bourgs",
    "Services au public",
    "Mobilités rurales",
    "Agenda",
)

CGET_ISSUE = Fixture(
    name="en-quelques-clics-86",
    layout="cget-issue",
    issue="En quelques clics — n° 86 — avril 2019",
    blocks=(
        Block("masthead", "Veille & territoires"),
        Block("masthead", "EN QUELQUES CLICS"),
        Block("masthead", "n° 86"),
        Block("masthead", "avril 2019"),
        Block("masthead", "Territoires ruraux et cohésion"),
        Block("masthead", "Sommaire :"),
        *(Block("masthead", f"- {title}") for title in (S_BOURGS, S_SERVICES, S_RURAL, AGENDA)),
        *heading(S_BOURGS),
        *item(
            "Revitaliser les centres-bourgs : dix démarches de petites villes en\n"
            "reconversion.",
            "Agence d'urbanisme Brest-Bretagne (ADEUPa), février 2019. 48 p.",
            body=(
                "L'agence a suivi dix petites villes du Finistère engagées dans la reconquête de "
                "leur centre : réhabilitation de logements vacants, installation de services "
                "publics en cœur de bourg, réaménagement des places et des rues commerçantes.",
            ),
            links=("Le rapport", "La synthèse"),
        ),
        *item(
            "Centres anciens et vacance des logements.",
            "Caroline Bernard, Yann Lemoine. Urbanisme, n° 412, janvier 2019. pp. 34-41",
            body=(
                "Les auteurs expliquent pourquoi la vacance des logements se concentre dans les "
                "centres anciens des petites villes et présentent les opérations programmées qui "
                "ont réussi à remettre des immeubles entiers sur le marché.",
            ),
            links=("L'article",),
        ),
        *item(
            "Le commerce dans les bourgs ruraux : état des lieux et perspectives.",
            "Commissariat général à l'égalité des territoires (CGET).",
            "En Bref, n° 61, mars 2019. 4 p.",
            body=(
                "Un bourg rural sur quatre a perdu son dernier commerce alimentaire en vingt ans. "
                "Cette note présente les chiffres de cette évolution et les initiatives de "
                "commerces multiservices soutenues par les collectivités.",
            ),
            links=("La note",),
        ),
        *item(
            "Une plateforme de ressources pour les petites villes.",
            body=(
                "Lancée par le CGET, la plateforme réunit des outils de diagnostic, des retours "
                "d'expérience et un annuaire des dispositifs d'aide destinés aux élus des "
                "petites villes qui veulent redynamiser leur centre.",
            ),
            links=("Le site",),
        ),
        *heading(S_SERVICES),
        *item(
            "France services : premier bilan des maisons de services au public\n"
            "labellisées.",
            "Cour des comptes, mars 2019. 120 p.",
            body=(
                "La Cour examine l'implantation, la fréquentation et le financement des maisons "
                "de services au public ouvertes depuis 2015 et formule des recommandations pour "
                "le nouveau réseau labellisé.",
            ),
            links=("Le rapport", "La synthèse", "Les annexes"),
        ),
        *item(
            "Numérique et accès aux droits dans les territoires ruraux.",
            "Emmanuel Dubois, Sandrine Leroy, Marc Aubert. Revue Réseaux, n° 213, 2019/1. "
            "pp. 77-102",
            body=(
                "Fondé sur des entretiens avec des usagers et des agents d'accueil, l'article "
                "montre comment la dématérialisation des démarches éloigne une partie des "
                "habitants des campagnes de leurs droits sociaux.",
            ),
            links=("L'article",),
        ),
        *item(
            "Les maisons de santé pluriprofessionnelles en milieu rural.",
            "Institut de recherche et documentation en économie de la santé (IRDES), Questions "
            "d'économie de la santé, n° 240, février 2019. 8 p.",
            body=(
                "Les maisons de santé attirent de jeunes médecins dans des communes qui "
                "peinaient à en accueillir. Cette étude mesure leur effet sur l'offre de soins "
                "de premier recours dans les bassins de vie ruraux.",
            ),
            links=("La note",),
        ),
        *heading(S_RURAL),
        *item(
            "Mobilité dans les espaces peu denses : les solutions partagées\n"
            "expérimentées par les collectivités.",
            "Cerema, janvier 2019. 92 p.",
            body=(
                "Le guide présente une vingtaine de solutions de mobilité partagée mises en "
                "place par des communes et des intercommunalités rurales, avec leurs coûts, "
                "leur fréquentation et les conditions de leur réussite.",
            ),
            links=("Le guide", "Les fiches"),
        ),
        *item(
            "Le transport à la demande, une solution pour les territoires ruraux ?",
            "Julie Marchand. Transports urbains, n° 134, décembre 2018. pp. 18-25",
            body=(
                "L'auteure compare les services de transport à la demande de six départements "
                "et montre que leur succès dépend de la simplicité de la réservation et de leur "
                "articulation avec les lignes régulières.",
            ),
            links=("L'article",),
        ),
        *item(
            "Covoiturage rural : quelles politiques locales ?",
            "Agence de l'environnement et de la maîtrise de l'énergie (Ademe).",
            "Collection Expertises, février 2019. 60 p.",
            body=(
                "L'étude recense les politiques de covoiturage conduites dans les territoires "
                "ruraux, des aires de stationnement aux lignes régulières de covoiturage, et "
                "évalue leur effet sur l'usage de la voiture individuelle.",
            ),
            links=("L'étude", "La synthèse"),
        ),
        *heading(AGENDA),
        *item(
            "Rencontres des territoires ruraux : services, mobilités, commerce",
            "13 et 14 juin 2019, à Clermont-Ferrand",
            "CGET / Cerema",
            body=(
                "Deux journées d'échanges entre élus, techniciens et chercheurs sur les "
                "politiques qui maintiennent des services, des commerces et des solutions de "
                "mobilité dans les territoires ruraux.",
            ),
            links=("Le programme", "L'inscription"),
        ),
    ),
    expected=(
        Expected(
            "Revitaliser les centres-bourgs : dix démarches de petites villes en reconversion",
            (), (ADEUPA,), "", 2019, 48, S_BOURGS, PUB,
        ),
        Expected(  # a page range is no page count in a CGET issue (as in the seed)
            "Centres anciens et vacance des logements",
            ("Caroline Bernard", "Yann Lemoine"), (),
            "Urbanisme, n° 412, janvier 2019. pp. 34-41", 2019, None, S_BOURGS, PUB,
        ),
        Expected(
            "Le commerce dans les bourgs ruraux : état des lieux et perspectives",
            (), (CGET,), "En Bref, n° 61, mars 2019. 4 p", 2019, 4, S_BOURGS, PUB,
        ),
        Expected(
            "Une plateforme de ressources pour les petites villes",
            (), (CGET,), "", None, None, S_BOURGS, RES,  # « Lancée par le CGET »
        ),
        Expected(
            "France services : premier bilan des maisons de services au public labellisées",
            (), ("Cour des comptes",), "", 2019, 120, S_SERVICES, PUB,
        ),
        Expected(
            "Numérique et accès aux droits dans les territoires ruraux",
            ("Emmanuel Dubois", "Sandrine Leroy", "Marc Aubert"), (),
            "Revue Réseaux, n° 213, 2019/1. pp. 77-102", 2019, None, S_SERVICES, PUB,
        ),
        Expected(
            "Les maisons de santé pluriprofessionnelles en milieu rural",
            (), ("Institut de recherche et documentation en économie de la santé (IRDES)",),
            "Questions d'économie de la santé, n° 240, février 2019. 8 p",
            2019, 8, S_SERVICES, PUB,
        ),
        Expected(
            "Mobilité dans les espaces peu denses : les solutions partagées expérimentées par "
            "les collectivités",
            (), (CEREMA,), "", 2019, 92, S_RURAL, PUB,
        ),
        Expected(
            "Le transport à la demande, une solution pour les territoires ruraux ?",
            ("Julie Marchand",), (),
            "Transports urbains, n° 134, décembre 2018. pp. 18-25", 2018, None, S_RURAL, PUB,
        ),
        Expected(
            "Covoiturage rural : quelles politiques locales ?",
            (), (ADEME,), "Collection Expertises, février 2019. 60 p", 2019, 60, S_RURAL, PUB,
        ),
        Expected(
            "Rencontres des territoires ruraux : services, mobilités, commerce",
            (), (CGET, CEREMA), "", 2019, None, AGENDA, EVENT,
        ),
    ),
)  # fmt: skip

FIXTURES = (ANCT_SECTIONS, ANCT_ONE_LINE, CGET_ISSUE)

# What an e-mail prints around the bulletin: never entries.
PREHEADER = "La sélection de la quinzaine du service de veille : études, rapports, articles."
VIEW_ONLINE = "Si ce message ne s'affiche pas correctement, consultez la version en ligne."
FOOTER = (
    "Vous recevez ce message car vous êtes abonné(e) à la veille « Veille & territoires ».",
    "Se désabonner | Gérer mes préférences",
    "Service de veille — Agence nationale de la cohésion des territoires",
)


# -- renderings ----------------------------------------------------------------------------


def as_text(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Render a fixture as its plain-text copy: one block a paragraph, wraps kept."""
    paragraphs = []
    for block in blocks:
        if block.role in ("title", "link"):
            paragraphs.append(f"► {block.text}")
        else:
            paragraphs.append(block.text)
    paragraphs += FOOTER
    return "\n\n".join(paragraphs) + "\n"


_FONT = "font-family:Arial,Helvetica,sans-serif;color:#1d2b3a"


def as_html(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Render a fixture as an HTML e-mail: nested tables, inline styles, links.

    Each entry is a table of its own; its title is a link, its link labels are links side
    by side on one row; the masthead's « - » lines are a list (the Sommaire).
    """
    lead, linked = VIEW_ONLINE.split(", ")
    view_online = f"{escape(lead)}, <a href='{SITE}/web'>{escape(linked)}</a>"
    rows = [_cell(view_online, "font-size:11px;color:#6b7785;text-align:center")]
    rows.append(_masthead([b for b in blocks if b.role == "masthead"]))
    entry: list[str] = []
    links: list[Block] = []

    def close_entry() -> None:
        if links:
            labels = "&nbsp;&nbsp;".join(
                f"► <a href='{escape(b.href)}' style='color:#c8102e'>{escape(b.text)}</a>"
                for b in links
            )
            entry.append(_cell(labels, "padding:4px 0 12px 0;font-size:13px"))
            links.clear()
        if entry:
            rows.append(_cell(_table(entry), "padding:0 24px"))
            entry.clear()

    for block in blocks:
        if block.role == "masthead":
            continue
        if block.role in ("heading", "title"):
            close_entry()
        if block.role == "heading":
            rows.append(_cell(f"<strong>{escape(block.text)}</strong>",
                              "padding:18px 24px 6px;font-size:18px;color:#c8102e;"
                              "border-bottom:2px solid #c8102e"))  # fmt: skip
        elif block.role == "title":
            text = escape(" ".join(block.text.split("\n")))
            link = f"<a href='{escape(block.href)}' style='color:#1d2b3a;font-weight:bold'>"
            entry.append(_cell(f"► {link}{text}</a>", "padding-top:14px;font-size:15px"))
        elif block.role == "source":
            entry.append(_cell(escape(block.text), "font-style:italic;font-size:13px"))
        elif block.role == "body":
            entry.append(_cell(f"<p style='margin:6px 0'>{escape(block.text)}</p>", ""))
        elif block.role == "link":
            links.append(block)
    close_entry()
    rows.append(_cell("<br>".join(f"<span>{escape(line)}</span>" for line in FOOTER),
                      "padding:24px;font-size:11px;color:#6b7785"))  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
        "<title>Veille &amp; territoires</title>"
        "<style>a{text-decoration:none}</style></head>\n"
        '<body style="margin:0;padding:0;background:#eef1f5">\n'
        f'<div style="display:none;max-height:0;overflow:hidden">{escape(PREHEADER)}</div>\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>'
        '<td align="center">\n'
        f'<table role="presentation" width="640" style="background:#fff;{_FONT}">\n'
        + "\n".join(rows)
        + "\n</table>\n</td></tr></table>\n</body>\n</html>\n"
    )


def _masthead(blocks: list[Block]) -> str:
    """Render the masthead rows: a title band, the Sommaire as a list."""
    parts, items = [], []
    for block in blocks:
        if block.text.startswith("- "):
            items.append(f"<li>{escape(block.text[2:])}</li>")
            continue
        if items:
            parts.append(_cell(f"<ul style='margin:0'>{''.join(items)}</ul>", ""))
            items = []
        parts.append(_cell(escape(block.text), "font-size:20px;font-weight:bold"))
    if items:
        parts.append(_cell(f"<ul style='margin:0'>{''.join(items)}</ul>", ""))
    return _cell(_table(parts), "padding:16px 24px;background:#1d2b3a;color:#fff")


def _cell(inner: str, style: str) -> str:
    """Return a table row of one styled cell."""
    return f'<tr><td style="{style}">{inner}</td></tr>'


def _table(rows: list[str]) -> str:
    """Return a nested layout table holding rows."""
    return (
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0">'
        + "".join(rows)
        + "</table>"
    )
