"""The seed issue, read by hand: every item, its section, kind and fields, and no noise.

Every expected value below was written by reading
seeds/2018-10_hors-serie-2_innovation-publique-et-territoires.txt, not copied from output.
"""

from __future__ import annotations

from collections import Counter

import pytest

from indexer.extraction.entry import entry_id

ISSUE = "En quelques clics — Hors-Série #2 — octobre 2018"
PRE = ""
S1 = "Concevoir autrement les politiques publiques"
S2 = "Le design de services publics"
S3 = "L'innovation, un levier pour les territoires"
S4 = "Co-construction et démarche participative, source d'innovation"
S5 = "Les lieux de l'innovation"
S6 = "Diffuser et partager une culture de l'innovation"
AGENDA = "Agenda"
PUB, RES, EVENT = "publication", "resource", "event"

# Canonical publisher labels, as in indexer/data/publishers.tsv.
ADULM = "Agence de développement et d'urbanisme de Lille Métropole (ADULM)"
AGAM = "Agence d'urbanisme de l'agglomération marseillaise (AGAM)"
APUR = "Atelier parisien d'urbanisme (APUR)"
AUDIAR = "Agence d'urbanisme et de développement intercommunal de l'agglomération rennaise (AUDIAR)"
CGET = "Commissariat général à l'égalité des territoires (CGET)"
CNFPT = "Centre national de la fonction publique territoriale (CNFPT)"
DITP = "Direction interministérielle de la transformation publique (DITP)"
ENA = "École nationale d'administration (ENA)"
ENSCI = "École nationale supérieure de création industrielle (ENSCI)"
FNAU = "Fédération nationale des agences d'urbanisme (FNAU)"
IAU = "Institut d'aménagement et d'urbanisme de la région Île-de-France (IAU)"
MEL = "Métropole européenne de Lille (MEL)"
OCDE = "Organisation de coopération et de développement économiques (OCDE)"
SGMAP = "Secrétariat général pour la modernisation de l'action publique (SGMAP)"
REGION27 = "La 27e Région"

# Every item of the issue in print order: (section, discover, kind, year, title).
# fmt: off
ITEMS = [
    (PRE, False, PUB, 2018, "#Design #Innovation. De l'audace pour nos territoires"),
    (S1, False, PUB, 2018, "L'innovation publique en débat"),
    (S1, False, PUB, 2018, "Innovation dans le secteur public - Numéro spécial"),
    (S1, False, PUB, 2018, "Construire l'innovation publique"),
    (S1, False, PUB, 2017, "Manifeste pour l'innovation publique. Concevoir autrement les politiques publiques"),  # noqa: E501
    (S1, False, PUB, 2017, "Fostering Innovation in the Public Sector"),
    (S1, False, PUB, 2016, "Policy Labs for public innovation. Exploring new ways of mandating change"),  # noqa: E501
    (S1, False, PUB, 2018, "Pourquoi évaluer les démarches d'innovation publique par le design?"),
    (S1, True, RES, None, "Une veille sur l'innovation publique"),
    (S1, True, RES, None, "L'Actu de la transfo publique"),
    (S2, False, PUB, 2018, "L'innovation à tous les étages / L'innovation en pratique"),
    (S2, False, PUB, 2018, "La démarche design, une pratique innovante au service du territoire"),
    (S2, False, PUB, 2017, "Les formes d'innovation publique par le design : un essai de cartographie"),  # noqa: E501
    (S2, False, PUB, 2017, "Design des usages, usages du design : quelles opportunités, quels usages ?"),  # noqa: E501
    (S2, False, PUB, 2017, "Le design est-il soluble dans l'administration ? Trois trajectoires d'institutionnalisation de l'innovation publique"),  # noqa: E501
    (S2, True, PUB, 2018, "POC book – proof of concept – Collectivités"),
    (S2, True, PUB, 2016, "École Boule, 12 projets pour Rennes Métropole"),
    (S2, True, PUB, 2015, "Les impacts de la politique design de Saint-Etienne Métropole"),
    (S3, False, RES, None, "Carrefour des innovations sociales"),
    (S3, False, PUB, 2018, "Innovation : et si on en parlait 10 minutes ?"),
    (S3, False, PUB, 2018, "Les campagnes européennes : espaces d'innovations dans un monde urbain"),  # noqa: E501
    (S3, False, PUB, 2018, "L'innovation dans les territoires périurbains ou ruraux ? Pour un changement de paradigme !"),  # noqa: E501
    (S3, False, PUB, 2018, "Des villes en décroissance : de la reconnaissance à l'émergence de stratégies urbaines alternatives. Synthèse du séminaire Altergrowth - 19 janvier 2018"),  # noqa: E501
    (S3, False, PUB, 2018, 'Smart city : "fiction" et innovation stratégique'),
    (S3, False, PUB, 2017, "De la Smart city à la Région intelligente"),
    (S3, False, PUB, 2018, "Innover pour faire la ville autrement"),
    (S3, False, PUB, 2017, "ESS, territoire et régime de solidarité : l'innovation sociale comme levier pour une « ville solidaire » ?"),  # noqa: E501
    (S3, False, PUB, 2017, "Terres d'innovations. Paris - Métropole du Grand Paris - Région Île-de-France"),  # noqa: E501
    (S3, False, PUB, 2018, "Innovation et territoires. Les limites de la « métropolarisation » en France"),  # noqa: E501
    (S3, False, PUB, 2017, "Une banque de l'innovation sociale au service de l'expérimentation dans les territoires"),  # noqa: E501
    (S3, False, PUB, 2017, "Étude sur l'innovation dans les quartiers de la politique de la ville"),
    (S3, False, PUB, 2017, "L'innovation territoriale, entre gouvernance et apprentissages"),
    (S3, False, PUB, 2015, "L'innovation au pouvoir. Pour une action publique réinventée au service des territoires"),  # noqa: E501
    (S3, True, RES, None, "Datagences Bretagne"),
    (S4, False, PUB, 2018, "Quand l'innovation publique devient collaborative"),
    (S4, False, PUB, 2018, "Innovations dans les projets urbains. Implication des acteurs, vers une fabrique collaborative de la ville"),  # noqa: E501
    (S4, False, PUB, 2018, "L'économie collaborative, réservoir d'innovations pour les territoires"),  # noqa: E501
    (S4, False, PUB, 2018, "Le service public citoyen"),
    (S4, False, PUB, 2018, "Les « Ateneus de Fabricació » barcelonais et les « Laboratorios ciudadanos » madrilènes. Une nouvelle approche de l'innovation urbaine ?"),  # noqa: E501
    (S4, False, PUB, 2018, "Métropole AMP/Agam/Aupa/thecamp. La fabrique du projet : Acte 1"),
    (S4, False, PUB, 2017, "Co-construction territoriale"),
    (S4, False, PUB, 2017, "Vers un urbanisme collaboratif"),
    (S4, False, PUB, 2017, "Sharitories. Mettre les pratiques collaboratives au service des villes moyennes"),  # noqa: E501
    (S4, False, PUB, 2017, "La ville autrement - Initiatives citoyennes, urbanisme temporaire, innovations publiques, plateformes numériques"),  # noqa: E501
    (S4, False, PUB, 2014, "50 propositions pour renforcer les démarches d'innovation participative des ministères"),  # noqa: E501
    (S4, False, PUB, 2014, "Faire la ville autrement. Urbanisme tactique et participation citoyenne"),  # noqa: E501
    (S5, False, PUB, 2018, "Faire ensemble pour mieux vivre ensemble. Territoires - Travail - Numérique. Mission « Tiers-lieux et coworking »"),  # noqa: E501
    (S5, False, PUB, 2018, "Urban Labs : un modèle sous haute tension"),
    (S5, False, PUB, 2018, "Le rôle des plateformes d'innovation dans les écosystèmes régionaux"),
    (S5, False, PUB, 2018, "Les incubateurs dans la Métropole du Grand Paris : portrait de Paris&Co"),  # noqa: E501
    (S5, False, PUB, 2018, "Fabriques numériques, action publique et territoire : en quête des living labs, fablabs et hackerspaces (France, Belgique)"),  # noqa: E501
    (S5, False, PUB, 2017, "Les espaces de travail collaboratifs et innovants. Levier de développement économique des collectivités locales"),  # noqa: E501
    (S5, False, PUB, 2017, "Rôle et limites des tiers-lieux dans la fabrique des villes contemporaines"),  # noqa: E501
    (S5, False, PUB, 2017, "Les tiers lieux : de nouveaux espaces pour travailler autrement"),
    (S5, False, PUB, 2017, "Les nouveaux lieux de l'innovation, un laboratoire métropolitain"),
    (S5, False, PUB, 2016, "Public policy labs in European Union members states"),
    (S5, True, RES, None, "110 bis, le lab d'innovation de l'Education nationale"),
    (S5, True, RES, None, "Le LAB Pôle Emploi"),
    (S5, True, RES, None, "Le Lab' de France Stratégie"),
    (S5, True, RES, None, "TiLab. Le Laboratoire régional d'innovation publique de la région Bretagne"),  # noqa: E501
    (S5, True, RES, None, "Le Laboratoire d'innovation publique - Région Provence-Alpes-Côte d'Azur"),  # noqa: E501
    (S6, False, EVENT, 2018, "Initiation à l'innovation publique"),
    (S6, False, RES, None, "Créer des services publics numériques innovants : le MOOC"),
    (S6, False, RES, None, 'Web-série "Les éclaireurs de la transfo"'),
    (S6, False, RES, None, "Le MOOC « Comment faire un laboratoire d'innovation publique ? »"),
    (S6, False, RES, None, "Chaire partenariale en innovation publique ENA/ENSCI"),
    (S6, False, PUB, 2017, "Accompagnement au changement d'échelle des projets locaux socialement innovants - Analyse des rôles de l'acteur public"),  # noqa: E501
    (S6, False, PUB, 2015, "Ensemble, accélérons !"),
    (S6, True, RES, None, "Futurs Publics : innover pour moderniser l'action publique"),
    (S6, True, RES, None, "beta.gouv.fr : réseau des incubateurs de Startups d'État"),
    (S6, True, RES, None, "Entrepreneur.e d'intérêt général : Faire du numérique un levier de transformation du service public"),  # noqa: E501
    (S6, True, RES, None, "L'Observatoire de l'innovation dans le secteur public"),
    (AGENDA, False, EVENT, 2018, "Journées (R)évolutions : politique de la ville et innovation"),
    (AGENDA, False, EVENT, 2018, "39° Rencontre de la FNAU : de l'audace pour nos territoires #Design #Innovation"),  # noqa: E501
    (AGENDA, False, EVENT, 2018, "Initiation à l'innovation publique"),
    (AGENDA, False, EVENT, 2018, "Semaine de l'innovation publique : 5° édition"),
    (AGENDA, False, EVENT, 2018, 'Appel à projet "Défis Cartes Blanches "'),
]
# fmt: on


def test_the_issue_has_77_entries_by_kind(seed_entries):
    assert len(seed_entries) == 77
    assert Counter(entry.kind for entry in seed_entries) == {PUB: 54, RES: 17, EVENT: 6}


def test_every_item_in_print_order_with_section_discover_kind_and_year(seed_entries):
    found = [(e.section, e.discover, e.kind, e.year, e.title) for e in seed_entries]
    assert found == ITEMS


def test_every_entry_names_the_issue(seed_entries):
    assert {entry.issue for entry in seed_entries} == {ISSUE}


def test_provenance_points_at_the_title_line(seed_entries, seed_text):
    lines = seed_text.split("\n")
    for entry in seed_entries:
        assert entry.file == "2018-10_hors-serie-2_innovation-publique-et-territoires.txt"
        printed = lines[entry.line - 1].replace("**", "")
        assert entry.title.split(" ")[0] in printed, (entry.title, entry.line)


# One row per entry, checked by hand against the seed: title, section, kind, discover, year,
# authors, publishers, doc_type, pages, online, language. `None` as doc_type means the seed
# gives no cue to check it against (see the comment on the row).
def row(title, section, kind, discover, year, authors, publishers, doc_type, pages, online, lang):
    """Make one table row, with the title as the test id."""
    fields = (section, kind, discover, year, authors, publishers, doc_type, pages, online, lang)
    return pytest.param(title, *fields, id=title[:50])


# fmt: off
TABLE = [
    row("#Design #Innovation. De l'audace pour nos territoires", PRE, PUB, False, 2018,
        [], [], "numéro de revue", 28, False, "fr"),  # "Numéro spécial 39e rencontre…"
    row("L'innovation publique en débat", S1, PUB, False, 2018,
        [], [], "article", None, True, "fr"),  # Horizons publics is the source, not a publisher
    row("Innovation dans le secteur public - Numéro spécial", S1, PUB, False, 2018,
        [], [], "numéro de revue", 224, False, "fr"),
    row("Construire l'innovation publique", S1, PUB, False, 2018,
        [], ["Département de Loire-Atlantique", "La Documentation française"],
        "ouvrage", 142, False, "fr"),  # "Cet ouvrage donne à voir…"
    row("Manifeste pour l'innovation publique. Concevoir autrement les politiques publiques",
        S1, PUB, False, 2017, [], [SGMAP], "manifeste", 8, False, "fr"),
    row("Fostering Innovation in the Public Sector", S1, PUB, False, 2017,
        [], [OCDE], "rapport", 254, False, "en"),  # "OECD … [en anglais]"; "Ce rapport examine"
    row("Policy Labs for public innovation. Exploring new ways of mandating change",
        S1, PUB, False, 2016, ["Jesper Christiansen"], ["Nesta"],
        "rapport", 30, False, "en"),  # no cue: the rule table's default for a paginated text
    row("Pourquoi évaluer les démarches d'innovation publique par le design?", S1, PUB, False,
        2018, ["Sylvine Bois-Choussy"], [REGION27], None, None, True, "fr"),  # 27ième Région
    row("Une veille sur l'innovation publique", S1, RES, True, None,
        [], [ENA, ENSCI], "plateforme", None, False, "fr"),  # "cette plateforme de veille"
    row("L'Actu de la transfo publique", S1, RES, True, None,
        [], [DITP], "newsletter", None, False, "fr"),  # "(Ditp)"
    row("L'innovation à tous les étages / L'innovation en pratique", S2, PUB, False, 2018,
        [], [], "dossier", None, True, "fr"),  # "2 dossiers de La Gazette des communes"
    row("La démarche design, une pratique innovante au service du territoire",
        S2, PUB, False, 2018, [], [ADULM], "note", 4, False, "fr"),  # "Le 4 Pages de l'Agence"
    row("Les formes d'innovation publique par le design : un essai de cartographie",
        S2, PUB, False, 2017, ["Weller Jean-Marc", "Pallez Frédérique"], [],
        "article", None, False, "fr"),  # "p. 32-51" is a range, not a count
    row("Design des usages, usages du design : quelles opportunités, quels usages ?",
        S2, PUB, False, 2017, ["Nadège Guiraud"], [REGION27], None, None, True, "fr"),
    row("POC book – proof of concept – Collectivités", S2, PUB, True, 2018,
        [], [ADULM], "guide", 35, False, "fr"),  # "Un guide d'action de 10 tactiques"
    row("Les impacts de la politique design de Saint-Etienne Métropole", S2, PUB, True, 2015,
        [], ["Epures, agence d'urbanisme de la région stéphanoise (EPURES)"],
        "étude", 132, False, "fr"),  # "une étude socio-économique"
    row("Carrefour des innovations sociales", S3, RES, False, None,
        [], [CGET, "La Fonda"], "plateforme", None, False, "fr"),  # "initié par le CGET et…"
    row("Les campagnes européennes : espaces d'innovations dans un monde urbain",
        S3, PUB, False, 2018, ["Margetic Christine", "Roth Hélène", "Pouzenc Michael"],
        ["Presses universitaires du Midi"], "ouvrage", None, False, "fr"),  # "et al." dropped
    row('Smart city : "fiction" et innovation stratégique', S3, PUB, False, 2018,
        ["Ghorra-Gobin, Cynthia"], [], "dossier", 128, False, "fr"),  # "(ss. la dir.)"
    row("De la Smart city à la Région intelligente", S3, PUB, False, 2017,
        [], [IAU], "ouvrage", 160, False, "fr"),  # "L'ouvrage montre…"
    row("Innovation et territoires. Les limites de la « métropolarisation » en France",
        S3, PUB, False, 2018, ["Godet Michel", "Jarry Bruno", "Chabaud Didier"], [],
        "article", None, False, "fr"),  # "pp.4-7"
    row("Une banque de l'innovation sociale au service de l'expérimentation dans les territoires",
        S3, PUB, False, 2017, ["DUPONT Emmanuel", "PACHOD Bénédicte"], [CGET],
        "note", 4, False, "fr"),  # "En Bref"; "accessible en ligne" in the text is not "En ligne"
    row("L'innovation au pouvoir. Pour une action publique réinventée au service des territoires",
        S3, PUB, False, 2015, ["Akim Oural"], [SGMAP], "rapport", 110, False, "fr"),
    row("Datagences Bretagne", S3, RES, True, None, [],
        ["Agence d'urbanisme Brest-Bretagne (ADEUPa)",
         "Agence d'urbanisme et de développement économique du Pays de Lorient (AudéLor)",
         AUDIAR, "Quimper Cornouaille Développement", "Côtes d'Armor Développement"],
        "plateforme", None, False, "fr"),  # "ce portail"
    row("Quand l'innovation publique devient collaborative", S4, PUB, False, 2018,
        [], [CNFPT], "dossier", None, True, "fr"),  # "Dossier CNFPT"
    row("Innovations dans les projets urbains. Implication des acteurs, vers une fabrique "
        "collaborative de la ville", S4, PUB, False, 2018,
        ["Antoine Chèvre", "Clémence Vidal de la Blache", "Marie-Alexandra Coste"], [],
        "article", None, False, "fr"),
    row("L'économie collaborative, réservoir d'innovations pour les territoires",
        S4, PUB, False, 2018, ["Carine Camors", "Cristina Lopez"], [IAU], "note", 6, False, "fr"),
    row("Le service public citoyen", S4, PUB, False, 2018,
        ["DUAN Paul"], ["Fondation The Digital New Deal"], "note", 43, False, "fr"),
    row("Métropole AMP/Agam/Aupa/thecamp. La fabrique du projet : Acte 1", S4, PUB, False, 2018,
        [], [AGAM], None, 164, False, "fr"),  # "116 p. + 48 p."
    row("Vers un urbanisme collaboratif", S4, PUB, False, 2017,
        [], [FNAU, "Gallimard"], "ouvrage", 144, False, "fr"),
    row("Sharitories. Mettre les pratiques collaboratives au service des villes moyennes",
        S4, PUB, False, 2017, [], ["OuiShare", "Chronos"], None, 58, False, "fr"),
    row("Faire ensemble pour mieux vivre ensemble. Territoires - Travail - Numérique. Mission "
        "« Tiers-lieux et coworking »", S5, PUB, False, 2018, ["Patrick Levy-Waitz"],
        ["Fondation Travailler autrement"], "rapport", 264, False, "fr"),  # "Rapport remis le…"
    row("Urban Labs : un modèle sous haute tension", S5, PUB, False, 2018,
        ["Raphaël Besson"], [], "article", None, True, "fr"),  # The Conversation
    row("Le rôle des plateformes d'innovation dans les écosystèmes régionaux", S5, PUB, False,
        2018, [], ["Paris School of Business", "Chaire newPIC", "L'Innovation Factory",
                   "Bpifrance Le Lab"], "rapport", 174, False, "fr"),  # "Ce rapport permet…"
    row("Fabriques numériques, action publique et territoire : en quête des living labs, "
        "fablabs et hackerspaces (France, Belgique)", S5, PUB, False, 2018, ["Flavie Ferchaud"],
        ["Espaces et Sociétés (ESO)", "Université Rennes 2"], "thèse", 607, False, "fr"),
    row("Les espaces de travail collaboratifs et innovants. Levier de développement économique "
        "des collectivités locales", S5, PUB, False, 2017, [],
        ["Assemblée des communautés de France (AdCF)",
         "Association des directeurs généraux des communautés de France (ADGCF)", "Deloitte"],
        "étude", 20, False, "fr"),  # "L'étude souligne…"
    row("Rôle et limites des tiers-lieux dans la fabrique des villes contemporaines", S5, PUB,
        False, 2017, ["Raphaël Besson"], [], "article", None, True, "fr"),
    row("Les tiers lieux : de nouveaux espaces pour travailler autrement", S5, PUB, False, 2017,
        [], [IAU, "École nationale des ponts et chaussées (ENPC)"], "note", 6, False, "fr"),
    row("Public policy labs in European Union members states", S5, PUB, False, 2016,
        ["Fuller Matt", "Lochard Anna"],
        ["Conseil & Recherche", REGION27, "Office des publications de l'Union européenne"],
        "rapport", 22, False, "en"),  # "un rapport de présentation"
    row("110 bis, le lab d'innovation de l'Education nationale", S5, RES, True, None,
        [], ["Lab 110 bis", "Ministère de l'Éducation nationale"], "laboratoire", None, False,
        "fr"),
    row("TiLab. Le Laboratoire régional d'innovation publique de la région Bretagne", S5, RES,
        True, None, [], ["Région Bretagne"], "laboratoire", None, False, "fr"),
    row("Initiation à l'innovation publique", S6, EVENT, False, 2018, [],
        ["Lieu d'innovation et d'expérimentation nationale (LIEN)", CGET, "Lab 110 bis",
         "Ministère de l'Éducation nationale"], "événement", None, False, "fr"),
    row("Créer des services publics numériques innovants : le MOOC", S6, RES, False, None, [],
        ["Direction interministérielle du numérique et du système d'information et de "
         "communication de l'État (DINSIC)", CNFPT], "mooc", None, False, "fr"),
    row('Web-série "Les éclaireurs de la transfo"', S6, RES, False, None,
        [], [DITP], "vidéo", None, False, "fr"),
    row("Chaire partenariale en innovation publique ENA/ENSCI", S6, RES, False, None,
        [], [ENA, ENSCI], "programme", None, False, "fr"),
    row("Ensemble, accélérons !", S6, PUB, False, 2015, [], [CGET, "Futurs Publics", SGMAP],
        "étude", 44, False, "fr"),  # "Etude CGET, Futurs Publics, SGMAP, 12/2015. 44 p."
    row("Entrepreneur.e d'intérêt général : Faire du numérique un levier de transformation du "
        "service public", S6, RES, True, None, [], ["Etalab"], "programme", None, False, "fr"),
    row("L'Observatoire de l'innovation dans le secteur public", S6, RES, True, None,
        [], [OCDE], "plateforme", None, False, "fr"),
    row("Journées (R)évolutions : politique de la ville et innovation", AGENDA, EVENT, False,
        2018, [], [CGET, "Préfecture des Hauts-de-France", MEL], "événement", None, False, "fr"),
    row("39° Rencontre de la FNAU : de l'audace pour nos territoires #Design #Innovation",
        AGENDA, EVENT, False, 2018, [], [FNAU, ADULM, MEL], "événement", None, False, "fr"),
    row("Semaine de l'innovation publique : 5° édition", AGENDA, EVENT, False, 2018,
        [], [DITP], "événement", None, False, "fr"),
    row('Appel à projet "Défis Cartes Blanches "', AGENDA, EVENT, False, 2018, [],
        [DITP, "Secrétariat général pour l'investissement (SGPI)",
         "Caisse des dépôts et consignations (CDC)"], "appel à projets", None, False, "fr"),
]

DATES = [
    ("#Design #Innovation. De l'audace pour nos territoires", PRE, "automne 2018", 2018, None),
    ("Policy Labs for public innovation. Exploring new ways of mandating change", S1,
     "Oct. 2016", 2016, 10),
    ("Innovation dans le secteur public - Numéro spécial", S1, "2018/2", 2018, None),
    ("Innovation et territoires. Les limites de la « métropolarisation » en France", S3,
     "3/2018", 2018, 3),
    ("Ensemble, accélérons !", S6, "12/2015", 2015, 12),
    ("Journées (R)évolutions : politique de la ville et innovation", AGENDA,
     "5 et 6 novembre 2018", 2018, 11),
    ("39° Rencontre de la FNAU : de l'audace pour nos territoires #Design #Innovation",
     AGENDA, "7, 8 et 9 novembre 2018", 2018, 11),
    ("Initiation à l'innovation publique", AGENDA, "23 novembre 2018", 2018, 11),
    # No year printed: the week after the October 2018 issue is in 2018.
    ("Semaine de l'innovation publique : 5° édition", AGENDA, "du 19 au 25 novembre", 2018, 11),
    ('Appel à projet "Défis Cartes Blanches "', AGENDA, "jusqu'au 7 décembre 2018", 2018, 12),
]

SOURCES = [
    ("Les formes d'innovation publique par le design : un essai de cartographie",
     "Sciences du Design, 2017/1 (n° 5), p. 32-51"),
    ("Le design est-il soluble dans l'administration ? Trois trajectoires "
     "d'institutionnalisation de l'innovation publique",
     "Sciences du Design, 2017/1 (n° 5), p. 52-68"),
    ("L'innovation publique en débat", "Horizons publics, septembre 2018"),
    ("Les « Ateneus de Fabricació » barcelonais et les « Laboratorios ciudadanos » "
     "madrilènes. Une nouvelle approche de l'innovation urbaine ?",
     "Géographie, économie, société, 2018/1 (vol.20). pp.113-141"),
    ("Urban Labs : un modèle sous haute tension", "The Conversation, 18 septembre 2018"),
    ("Vers un urbanisme collaboratif",
     "Collection Points Fnau - Alternatives (n° 8), octobre 2017. 144 p"),
    ("Construire l'innovation publique", ""),  # a publisher, no journal
]

SUBTITLES = [
    ("Construire l'innovation publique",
     "Retour d'expérience du Département de Loire-Atlantique."),
    ("L'innovation au pouvoir. Pour une action publique réinventée au service des territoires",
     "Rapport à Marylise Lebranchu, Ministre de la décentralisation et de la fonction "
     "publique."),
    ("Accompagnement au changement d'échelle des projets locaux socialement innovants - "
     "Analyse des rôles de l'acteur public", "Etude pour le CGET"),
]

PAGE_BREAKS = [
    ("La démarche design, une pratique innovante au service du territoire",
     "comme une manière de repenser notre rapport à notre société et au monde."),
    ("Les espaces de travail collaboratifs et innovants. Levier de développement économique "
     "des collectivités locales",
     "l'Association des Directeurs Général des Communautés de France (ADGCF)"),
    ("Entrepreneur.e d'intérêt général : Faire du numérique un levier de transformation du "
     "service public",
     "bénéficiant du financement du Programme d'investissements d'avenir."),
    ("École Boule, 12 projets pour Rennes Métropole",
     "abordent des sujets qui concernent tous les habitants de Rennes et les passants."),
    ("Quand l'innovation publique devient collaborative",
     "En revanche, la manière dont les acteurs publics l'abordent actuellement"),
    ("Public policy labs in European Union members states",
     "dans quelques États membres de l'Union européenne."),
]
# fmt: on


@pytest.mark.parametrize(
    "title, section, kind, discover, year, authors, publishers, doc_type, pages, online, lang",
    TABLE,
)
def test_entry_fields_as_printed(
    find, title, section, kind, discover, year, authors, publishers, doc_type, pages, online, lang
):
    entry = find(title, section)
    assert (entry.section, entry.kind, entry.discover) == (section, kind, discover)
    assert entry.year == year
    assert entry.authors == authors
    assert entry.publishers == publishers
    if doc_type is not None:
        assert entry.doc_type == doc_type
    assert (entry.pages, entry.online, entry.language) == (pages, online, lang)


@pytest.mark.parametrize("title, section, date_text, year, month", DATES)
def test_dates_as_written_and_normalised(find, title, section, date_text, year, month):
    entry = find(title, section)
    assert (entry.date_text, entry.year, entry.month) == (date_text, year, month)


def test_the_thesis_takes_its_defence_date(find):
    entry = find(
        "Fabriques numériques, action publique et territoire : en quête des living labs, "
        "fablabs et hackerspaces (France, Belgique)"
    )
    assert (entry.year, entry.month) == (2018, 2)  # "Thèse de Doctorat soutenue le 5 février 2018"
    assert entry.note == "Thèse de Doctorat soutenue le 5 février 2018"


def test_the_training_session_takes_the_date_of_the_session(find):
    entry = find("Initiation à l'innovation publique", S6)
    assert (entry.year, entry.month) == (2018, 11)  # "le vendredi 23 novembre 2018"


def test_a_date_quoted_in_a_description_is_not_the_year(find):
    # "…présente sa nouvelle version ce 30 octobre 2018": a resource has no year.
    assert find("Carrefour des innovations sociales").year is None
    # "…réalisé en 2016" in the text; the survey itself is of 2017.
    survey = find(
        "Les espaces de travail collaboratifs et innovants. Levier de développement économique "
        "des collectivités locales"
    )
    assert survey.year == 2017


@pytest.mark.parametrize("title, source", SOURCES)
def test_journals_are_sources_not_publishers(find, title, source):
    entry = find(title)
    assert entry.source == source
    assert not any(source and name in source for name in entry.publishers)


@pytest.mark.parametrize("title, subtitle", SUBTITLES)
def test_subtitle_lines_go_to_the_note(find, title, subtitle):
    entry = find(title)
    assert entry.note == subtitle
    assert subtitle not in entry.title
    assert subtitle not in entry.description


@pytest.mark.parametrize("title, joined", PAGE_BREAKS)
def test_page_break_fragments_are_joined(find, title, joined):
    assert joined in find(title).description


def test_separate_paragraphs_stay_separate(find):
    description = find("Construire l'innovation publique").description
    paragraphs = description.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Moderniser, innover, se réinventer...")
    assert paragraphs[2].endswith("Quel est le rôle d'un laboratoire d'innovation publique ?")


def test_descriptions_have_no_markdown(seed_entries):
    for entry in seed_entries:
        for text in (entry.title, entry.description, entry.source, entry.note):
            assert "**" not in text and "](" not in text and "^e" not in text, entry.title
    preamble = seed_entries[0].description
    assert preamble.startswith("Numéro spécial 39e rencontre des agences d'urbanisme.")


def test_the_five_labs_are_discoveries_of_the_places_section(seed_entries):
    labs = [e for e in seed_entries if e.doc_type == "laboratoire"]
    assert [e.title for e in labs] == [
        "110 bis, le lab d'innovation de l'Education nationale",
        "Le LAB Pôle Emploi",
        "Le Lab' de France Stratégie",
        "TiLab. Le Laboratoire régional d'innovation publique de la région Bretagne",
        "Le Laboratoire d'innovation publique - Région Provence-Alpes-Côte d'Azur",
    ]
    assert all((e.section, e.discover, e.kind, e.year) == (S5, True, RES, None) for e in labs)


def test_english_items_are_in_english_and_the_rest_in_french(seed_entries):
    english = {e.title for e in seed_entries if e.language == "en"}
    assert english == {
        "Fostering Innovation in the Public Sector",
        "Policy Labs for public innovation. Exploring new ways of mandating change",
        "Public policy labs in European Union members states",
    }
    assert {e.language for e in seed_entries} == {"fr", "en"}


def test_the_two_training_sessions_are_two_entries(find):
    in_section = find("Initiation à l'innovation publique", S6)
    in_agenda = find("Initiation à l'innovation publique", AGENDA)
    assert in_section.id != in_agenda.id
    assert in_section.kind == in_agenda.kind == EVENT


def test_ids_come_from_issue_section_and_title(seed_entries):
    for entry in seed_entries:
        assert entry.id == entry_id(ISSUE, entry.section, entry.title)
    assert len({entry.id for entry in seed_entries}) == 77


def test_resources_have_no_year_and_events_their_own(seed_entries):
    assert all(e.year is None for e in seed_entries if e.kind == RES)
    assert all(e.year == 2018 and e.month in (11, 12) for e in seed_entries if e.kind == EVENT)


def test_vocabulary_of_the_fields(seed_entries):
    from indexer.extraction.doctypes import VOCABULARY

    for entry in seed_entries:
        assert entry.kind in (PUB, RES, EVENT)
        assert entry.doc_type in VOCABULARY and entry.doc_type != "autre", entry.title
        assert entry.title and entry.title == entry.title.strip()
        assert not entry.title.endswith("."), entry.title
        assert entry.pages is None or entry.pages > 0


NOISE = [
    "Lire l'interview de ses concepteurs",
    "Table des matières",
    "Introduction",
    "► [Rapport](#) ► [Synthèse](#)",
    "Rapport",
    "Synthèse",
    "Informations et inscription",
    "Découvrir Nesta, fondation britannique pour l'innovation",
    "Nesta, fondation britannique pour l'innovation",
    "Inscription gratuite",
    "Inscription gratuite et obligatoire",
    "Sommaire :",
    "Veille & territoires",
    "EN QUELQUES CLICS",
    "Hors-Série #2",
    "octobre 2018",
    "Innovation publique & Territoires",
    "cget",
    "En partenariat avec",
    "VEILLE_URBANISME",
    "Club des documentalistes",
    "FNAU",
    "Version",
    "PDF",
    "A découvrir",
    "Commissariat général à l'égalité des territoires",
    "Conception : Isabelle Rican & Sylvère Geniaux / Service de veille - Direction des "
    "stratégies territoriales",
    "© 2017 CGET",
]


@pytest.mark.parametrize("noise", NOISE)
def test_noise_is_never_an_entry(seed_entries, noise):
    assert noise.rstrip(".") not in {entry.title for entry in seed_entries}


@pytest.mark.parametrize(
    "noise",
    [
        "Lire l'interview",
        "Table des matières",
        "Découvrir Nesta",
        "[Rapport]",
        "Informations et inscription",
        "Conception :",
        "S'abonner",
        "enquelquesclics@cget.gouv.fr",
        "Informatique et libertés",
        "© 2017 CGET",
        "Sommaire",
        "VEILLE_URBANISME",
    ],
)
def test_noise_does_not_leak_into_descriptions(seed_entries, noise):
    for entry in seed_entries:
        assert noise not in entry.description, entry.title
        assert noise not in entry.note, entry.title


def test_the_last_entry_stops_before_the_signature_and_footer(seed_entries):
    last = seed_entries[-1]
    assert last.description.endswith("« Défis Cartes Blanches »")
    assert "Commissariat général" not in last.description
