"""The cue vocabulary of consumer-health writing: one regular expression per way of saying
a relation ("side effects include", "should not take … if you have", "is often caused by",
"works by", dosing phrases). :mod:`medkg.ingest.relations` applies them to a segment and
its entity mentions; nothing here names a drug, a condition or an article.
"""

from __future__ import annotations

import re

_V = r"(?:is|are|was|were|be|been|being)"
_ADV = r"(?:(?:also|often|usually|typically|commonly|mainly|frequently|generally|sometimes|primarily|widely|still|most)\s+)*"
USED_FOR = re.compile(
    rf"\b(?:{_V}\s+{_ADV}(?:used|prescribed|utilized|given|taken|suggested|recommended)\s+(?:\w+\s+)?(?:for|to treat|to manage|to target|in)"
    rf"|(?:an?|the)\s+(?:\w+\s+)?(?:option|choice)s?\s+for|{_V}\s+{_ADV}common\s+for|options?\s+for"
    rf"|mainstay in the treatment of)\b"
)
TREATS = re.compile(
    r"\b(?:treat(?:s|ed|ing)?|help(?:s|ed|ing)?(?:\s+(?:with|manage|reduce|relieve|ease|control|in))?"
    r"|reliev(?:e|es|ed|ing)|eas(?:e|es|ed|ing)|manag(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|lessen(?:s|ed|ing)?"
    r"|tackl(?:e|es|ed|ing)|alleviat(?:e|es|ed|ing)|effective\s+(?:for|in|against)|(?:good|great|useful)\s+for"
    r"|relief\s+(?:from|of|for|in)|addresses|(?:valuable|effective|good)\s+treatment\s+for|promise in treating"
    r"|effectiveness\s+(?:for|in|of)|provid(?:e|es|ed|ing)\s+(?:\w+\s+)?relief|relax(?:es|ed|ing)?)\b"
)
IMPROVES = re.compile(r"\b(?:improv(?:e|es|ed|ing)|boost(?:s|ed|ing)?|enhanc(?:e|es|ed|ing)|regain(?:s|ed|ing)?)\b")
PREVENTS = re.compile(r"\bprevent(?:s|ed|ing)?\b")
OFF_LABEL = re.compile(r"\boff[- ]label\b", re.I)
PRIMARY = re.compile(
    r"\b(?:originally|initially|first|primarily)\s+(?:\w+\s+)?(?:developed|made|approved|designed|created|"
    r"introduced|indicated)\s+(?:for|to treat|as a treatment for)\b"
)
APPROVED_AS = re.compile(r"\b(?:approved|developed|introduced|marketed|classified)\s+as\s+an?\b")
FIRST_LINE = re.compile(r"\bfirst[- ](?:line|choice)\b", re.I)
LATER_LINE = re.compile(
    r"\b(?:other|conservative|previous|initial|first-line)\W+(?:more\s+conservative\s+)?(?:\w+\s+)?"
    r"(?:treatments?|therapies|medications|medicines|options|approaches)(?:\s+like\s+[^.]*?)?\s+"
    r"(?:have\s+|has\s+)?(?:fail(?:ed)?|don[’']t (?:help|work)|do not (?:help|work)|are insufficient|"
    r"(?:haven[’']t|have not) (?:helped|worked)|did not (?:help|work))\b"
    r"|\b(?:not|haven[’']t|have not|hasn[’']t|has not|do not|don[’']t|didn[’']t)\s+(?:responded|respond|found relief)\b"
    r"|\bnot responding to\b"
)
CONTRAINDICATED = re.compile(
    r"\b(?:should\s+not\s+(?:take|use|be\s+(?:taken|used|given))|must\s+not\s+(?:take|use)|"
    r"(?:is|are|it[’']s|it\s+is)\s+not\s+(?:good|safe|suitable|recommended|appropriate|for)\s+(?:for\s+)?"
    r"(?:people|patients|those|anyone|individuals|children|women)\s+(?:with|who\s+have)|"
    r"avoid(?:ed)?\s+(?:in|by)\s+(?:people|patients|those)\s+with|contraindicated\s+(?:in|for|with))\b",
    re.I,
)
CAUTION = re.compile(
    r"\b(?:consult|talk\s+to|check\s+with|speak\s+(?:to|with)|tell|ask)\s+(?:their|your|a|the)\s+"
    r"(?:doctor|physician|pharmacist|healthcare\s+(?:provider|professional)|GP)\s+before\s+(?:taking|using|starting)"
    r"|\bused?\s+with\s+caution\b|\bcaution\s+(?:in|if|is advised)\b",
    re.I,
)
INTERACTS = re.compile(
    r"\b(?:interact(?:s|ion|ions)?\s+with|react(?:s)?\s+(?:badly\s+)?with|should\s+not\s+be\s+(?:taken|combined|mixed)\s+with"
    r"|(?:do\s+not|don[’']t|never)\s+(?:take|combine|mix|use)\s+(?:it\s+|this\s+\w+\s+|[\w-]+\s+)?(?:together\s+)?with)\b", re.I)
SIDE_EFFECTS = re.compile(
    r"\b(?P<q>common|serious|severe|rare|uncommon|less\s+common|major|minor|possible)?\s*"
    r"(?:side[- ]effects?|adverse\s+(?:effects?|reactions?|events?))(?P<of>\s+of\s+[^.,;:]{1,40}?)?\s+"
    r"(?:(?:may|can|might|could)\s+)?(?:also\s+)?(?:include|includes|are:|such\s+as|like)\s*:?", re.I)
LABELLED_EFFECTS = re.compile(r"(?:^|\s)(?P<q>Common|Rare|Serious|Severe|Uncommon)(?:\s+side\s+effects)?:\s+")
WITHDRAWAL = re.compile(r"\bwithdrawal\s+(?:symptoms?|effects?|syndrome|reactions?)\b(?P<list>,?\s*(?:such\s+as|like|including|e\.g\.,?)\s+)?", re.I)
WORKS_BY = re.compile(r"\b(?:works?|acts?)\s+by\s+(?P<how>[a-z]+ing\b[^,.;]*?)(?=\s+(?:at|in|to|from|with|which|so|and\s+then)\b|[,.;]|$)")
CONTRA_OBJECT = re.compile(r"\b(?:if\s+(?:you|they)\s+(?:have|had|have\s+had|suffer\s+from|are)|with|who\s+(?:have|has|had))\s+"
                           r"(?:(?:a\s+)?history\s+of\s+)?")
MECHANISM_CUE = re.compile(r"\b(?:works?|working|acts?)\s+by\b|\bmechanism\b|\bby\s+\w+ing\b|\b(?:blocks?|inhibits?|reduces?"
                           r"|increases?|changes?|affects?|modulates?|stops?|reduce|dampen)\b", re.I)
INCREASES = re.compile(r"\bincreas(?:e|es|ing)\s+(?:the\s+)?(?:levels?|concentrations?|amounts?)\s+of\b", re.I)
ALTERNATIVE = re.compile(r"\balternatives?\s+to\b|\b(?:others|other\s+options|other\s+(?:medications|medicines|drugs))"
                         r"\s+(?:like|such\s+as|including)\b", re.I)
PART_OF = re.compile(r"\bas\s+part\s+of\s+(?:a|an|the)\s+[^,.;]*?(?:strategy|plan|approach|program|programme|regimen)"
                     r"[^.;]*?,\s+including\s+(?P<partners>[^,.;]+)", re.I)
PLAN_INCLUDES = re.compile(r"\b(?:plan|program|programme|regimen|treatments?|therapies|options)\s+for\s+(?P<cond>[^.;]{3,60}?)\s+"
                           r"(?:may\s+|might\s+|can\s+|will\s+|should\s+|often\s+|usually\s+)?(?:include|includes|are)\b:?",
                           re.I)
#: "Treatment may include …", "doctors recommend treatments including …", "Options include …": a list of
#: treatments for the condition the sentence (or the page) is about.
TREATMENTS_INCLUDE = re.compile(r"\b(?:treatments?|treatment\s+options|therapies|options)\s+(?:(?:may|can|might|often|usually|"
                                r"typically)\s+)?(?:also\s+)?(?:include|includes|including)\b:?\s*", re.I)
COMBINED = re.compile(r"\b(?:along\s+with|combined\s+with|in\s+combination\s+with|together\s+with|alone\s+or\s+with)\b", re.I)
TOLERATED = re.compile(r"\b(?:better\s+tolerated|more\s+tolerable)\s+than\b", re.I)
COMPARABLE = re.compile(r"\b(?:comparable|similar)\s+(?:efficacy|effectiveness)\b|\bas\s+effective\s+as\b", re.I)
#: "Effectiveness appears similar to A or B", "its efficacy was comparable to A": the topic against each drug named.
EFFICACY_SIMILAR_TO = re.compile(r"\b(?:effectiveness|efficacy|benefit)\s+(?:appears?|seems?|is|was|were|are)\s+(?:to\s+be\s+)?"
                                 r"(?:similar|comparable)\s+to\b", re.I)
#: "Do not use X if you have …", "Do not take this medicine if you are …": a contraindication list follows.
DO_NOT_USE_IF = re.compile(r"\b(?:do\s+not|don[’']t|never)\s+(?:use|take)\s+(?:[\w-]+|this\s+(?:medicine|medication|drug))\s+"
                           r"(?:if|when)\s+(?:you|they)\s+(?:have\s+(?:ever\s+)?had|have|had|suffer\s+from)\s+"
                           r"(?:a\s+history\s+of\s+)?", re.I)
#: "X may increase the risk of A and B", "increased the risk … of": the drug's adverse effects.
INCREASES_RISK = re.compile(r"\b(?:may\s+|can\s+|might\s+|could\s+)?(?:increas(?:e|es|ed)|rais(?:e|es|ed))\s+(?:the\s+|your\s+)?"
                            r"(?:risk|chance|likelihood)\s+(?:[^.;]{0,30}?\s)?(?:of|for)\s+(?:a\s+|an\s+|the\s+)?"
                            r"(?:developing\s+|having\s+)?", re.I)
#: "Drug interactions of X include A, B", "Interactions with X include …": a list of interacting drugs.
INTERACTIONS_INCLUDE = re.compile(r"\b(?:drug\s+)?interactions\s+(?:of|with|for)\s+(?P<drug>[^.;:]{2,40}?)\s+"
                                  r"(?:may\s+|can\s+)?(?:include|includes|are)\b:?\s*", re.I)
#: "It is unclear if use in pregnancy and breastfeeding is safe", "concerns that use during the later part of
#: pregnancy can harm …": a caution for the population named, when the sentence doubts safety.
USE_DURING = re.compile(r"\buse\s+(?:in|during)\s+(?:the\s+)?(?P<pop>(?:(?:later|early|first|last|third)\s+(?:part|trimester|"
                        r"months?|stages?)\s+of\s+)?pregnancy(?:\s+(?:and|or)\s+(?:breastfeeding|breast-feeding|lactation))?"
                        r"|breastfeeding|breast-feeding|lactation)\b", re.I)
SAFETY_DOUBT = re.compile(r"\b(?:unclear|uncertain|not\s+(?:known|clear|recommended|safe|established)|concerns?|harm|unsafe|"
                          r"risks?|avoid(?:ed)?|caution)\b", re.I)
FEWER_EFFECTS = re.compile(r"\bfewer\s+side\s+effects\b", re.I)
SYMPTOMS_INCLUDE = re.compile(r"\bsymptoms?\s+(?:of\s+[^.,;]{3,60}?\s+)?(?:may\s+|can\s+|typically\s+|usually\s+|often\s+)?"
                              r"(?:include|includes|are|such\s+as)\b:?"
                              # "The main symptom is …", "The most common sign of X is …"
                              r"|\b(?:main|most\s+common|primary|first|classic|hallmark|chief|key)\s+(?:symptom|sign)\s+"
                              r"(?:of\s+[^.,;]{3,60}?\s+)?is\b", re.I)
SYMPTOM_OF = re.compile(r",\s+(?:a|an|the)\s+(?:\w+\s+)?(?:symptom|sign)\s+of\b", re.I)
CAUSE_VERB = re.compile(r"\b(?:caus(?:e|es|ing)|lead(?:s|ing)?\s+to|result(?:s|ing)?\s+in|produc(?:e|es|ing)"
                        r"|(?:may|can|might|will|often|usually)\s+(?:also\s+)?(?:feel|experience|have|notice|develop))\b")
FROM_CONDITION = re.compile(r"^\s+(?:from|caused\s+by|due\s+to|associated\s+with|of)\s+(?:the\s+)?$")
CAUSED_BY = re.compile(rf"\b{_V}?\s*(?:can\s+be\s+|may\s+be\s+)?{_ADV}(?:caused|triggered)\s+by\b|\bdue\s+to\b|\bbecause\s+of\b"
                       r"|\bresults?\s+from\b")
RISK_FACTORS = re.compile(r"\brisk\s+factors?\s+(?:for\s+[^.,;]{3,60}?\s+)?(?:include|includes|are|such\s+as)\b:?", re.I)
AGGRAVATES = re.compile(r"\bmake(?:s)?\s+(?P<obj>[^.,;]{2,60}?)\s+worse\b|\bworsen(?:s|ing)?\b|\bexacerbat(?:e|es|ion|ing)\b(?:\s+of)?",
                        re.I)
SEVERAL_FACTORS = re.compile(r"\b(?:several|many|various|a\s+number\s+of|different)\s+(?:factors|things|causes|reasons)\b"
                             r"|\bOther\s+things\b", re.I)
CONTINUATION = re.compile(r"^(?:These|They|This|Examples|Some\s+examples|Such\s+\w+)\s+(?:may\s+|can\s+)?"
                          r"(?:include|includes|are|involve|involves)\b:?\s*", re.I)
TYPES_OF = re.compile(r"\b(?:main\s+|common\s+|different\s+|several\s+)?(?:types|forms|kinds|subtypes)\s+(?:of\s+[^.,;]{3,60}?\s+)?"
                      r"(?:are|include|includes)\b:?", re.I)
TYPE_CALLED = re.compile(r"\ba\s+(?:type|kind|class|form)\s+of\b", re.I)
KEY_APPROACH = re.compile(rf"\b(?:{_V}\s+(?:also\s+)?(?:key|essential|important|vital|central|recommended|a\s+cornerstone)"
                          rf"(?:\s+(?:in|for|to)\s+(?:managing|treating|the\s+(?:treatment|management)\s+of)?|[.,]|$)"
                          rf"|(?:greatly\s+)?impacts?\s+(?:managing|the\s+management\s+of))", re.I)
MEANS_USING = re.compile(r"\b(?:means|involves|requires)\s+(?:using\s+)?(?:both\s+)?", re.I)
GUIDELINES = re.compile(r"\bguidelines?\s+(?:suggest|recommend|advise)\w*\b", re.I)
NOT_RECOMMENDED = re.compile(r"\b(?:is|are)\s+(?:no\s+longer|not)\s+recommended\b", re.I)
RECOMMENDED_LEAD = re.compile(r"\brecommend", re.I)
MONITORING = re.compile(r"\brequires?\s+(?:careful\s+|close\s+|regular\s+)?monitoring\s+(?:for|of)\b", re.I)
WARNING = re.compile(r"\b(?:see|contact|call|consult)\s+(?:a|your)\s+doctor\s+(?:immediately\s+|right\s+away\s+)?(?:if|when)\b"
                     r"|\b(?:see|contact|call)\s+(?:a|your)\s+doctor\s+(?:right\s+away|immediately|at\s+once|urgently)"
                     r"|\bseek\s+(?:immediate\s+)?medical\s+(?:care|attention|help)|\bcontact\s+your\s+doctor\s+immediately"
                     r"|\bget\s+(?:medical\s+)?help\s+right\s+away", re.I)
POPULATION_CUE = re.compile(r"\b(?:common|prevalent|found|occurs?|affects?|seen|among|mainly)\b", re.I)
QUALIFIER_POPULATION = re.compile(r"\((?:especially|particularly|mainly|mostly)\s+(?:in|among|for)\s+[^)]*\)", re.I)
MOST_COMMON = re.compile(rf"\b{_V}\s+(?P<v>the\s+most\s+common)(?:\s+(?:type|form))?\s*[.,]", re.I)
UNTREATED = re.compile(r"\buntreated\b|\bcomplications?\b", re.I)
LOCATIVE = re.compile(r"(?:\baffect(?:s|ing)?|\bin|\bon|\binto|\bwhen|\bnarrows?|\bpress(?:es)?\s+on|\bcompress(?:es)?|\bpressure\s+on"
                      r"|\baround|\bparts?\s+of)\s+(?:the\s+|their\s+|your\s+|a\s+|different\s+parts\s+of\s+the\s+)?"
                      r"(?:[\w-]+,\s+|[\w-]+\s+and\s+)*$", re.I)
ANATOMY_CONDITION_CUE = re.compile(r"\b(?:affect|narrow|press|compress|pressure|happen|occur|in\s+the|is\s+when|leads?\s+to|"
                                   r"where|slips?)\w*", re.I)
DOSE_WORD = re.compile(r"\b(?:dose|doses|dosage|dosing|amount)\b", re.I)
DOSE_CONTEXT = re.compile(r"\b(?:take|taken|taking|dose|doses|dosing|dosage|administ\w+|prescribed|given|amount)\b", re.I)
DOSING = (
    ("startingDose", re.compile(
        r"\bstart(?:s|ing|ed)?\s+(?:\w+\s+)?(?:at\s+|with\s+|on\s+)?(?P<v>low|\d[\d.,]*\s*(?:(?:-|–|to)\s*\d[\d.,]*\s*)?"
        r"(?:mg|milligrams|mcg)\b)(?:\s*\((?P<mg>[^)]*\d[^)]*\b(?:mg|mcg))\))?"
        r"|\b(?:starting|initial)\s+(?:dose|dosage|amount)\s+(?:is|of)\s+(?:usually\s+|typically\s+|often\s+)?"
        r"(?P<v2>low|\d[^,.;]*?\b(?:mg|mcg))", re.I), False),
    ("doseTiming", re.compile(
        r"\b(?P<v>(?:once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a\s+day|daily|per\s+day|a\s+week|weekly)"
        r"|at\s+bedtime|before\s+bed(?:time)?|in\s+the\s+(?:evening|morning)|at\s+night|with\s+(?:food|meals)"
        r"|with\s+or\s+without\s+(?:food|meals)|on\s+an\s+empty\s+stomach|every\s+\d+(?:\s*(?:-|to)\s*\d+)?\s+hours)\b"
        # the route: "It is taken by mouth", "is given by injection into a muscle"
        r"|\b(?:is|are)\s+(?:usually\s+|typically\s+|also\s+)?(?:taken|given|used|administered)\s+(?P<route>by\s+mouth|orally"
        r"|intravenously|intramuscularly|by\s+(?:injection|infusion)(?:\s+into\s+(?:a\s+)?(?:vein|muscle|the\s+skin))?)\b", re.I), True),
    ("timeToOnset", re.compile(
        r"\b(?:feel|notice|see|experience|start\s+to\s+feel|begin\s+to\s+feel)\s+(?:some\s+|any\s+)?(?:relief|improvement|"
        r"benefits?|effects?|results?|better)\s+(?P<v>(?:within|after|in)\s+[^,.;]+)", re.I), False),
    ("timeToFullEffect", re.compile(
        r"\btakes?\s+(?P<v>(?:up\s+to\s+|about\s+|around\s+)?\d+\s*(?:(?:to|-|–)\s*\d+\s*)?(?:days?|weeks?|months?))\s+"
        r"(?:to|before)\s+[^.]*?\b(?:full|maximum|best|complete)\b", re.I), False),
    ("doseComparedTo", re.compile(
        r"\b(?P<v>(?:much\s+|far\s+|considerably\s+)?(?:lower|higher|smaller|larger)\s+(?:doses?|amounts?|dosages?)"
        r"(?:\s+than\s+(?:for|used\s+for|in|with)\s+[\w\s-]+?)?)(?=[.,;]|$)", re.I), False),
    ("titration", re.compile(
        r"\b(?P<v>(?:gradually|slowly)\s+(?:increased|raised|adjusted|titrated)\s+(?:until|to|as)\s+[^,.;]+"
        r"|goes\s+up\s+(?:as\s+needed|gradually|slowly|over\s+time)|gradual\s+(?:adjustment|increase|titration)\s+of\s+"
        r"the\s+(?:amount|dose|dosage)|adjust(?:ed|s)?\s+(?:it|the\s+(?:dose|amount))\s+based\s+on\s+[^,.;]+)", re.I), False),
    ("discontinuation", re.compile(
        r"\b(?P<v>(?:should|must)\s+not\s+be\s+(?:stopped|discontinued)\s+(?:suddenly|abruptly)|not\s+(?:abruptly|suddenly)\s+"
        r"(?:stop|discontinue)|(?:(?:do|should|must)\s+)?not\s+(?:stop|discontinu)\w*\s+(?:\w+\s+){0,2}(?:suddenly|abruptly)|gradual\s+(?:reduction|tapering|decrease|taper)"
        r"|taper(?:ed|ing)?\s+(?:off|down|gradually))\b",
        re.I), False),
)
STUDY_REPORT = re.compile(r"\b(?:found|finds|showed|shows|reported|reports|concluded|concludes|noted|notes|suggests?|suggested|"
                          r"demonstrated|demonstrates|observed)\s+(?:that\s+)?(?P<v>.+?)(?=,\s+(?:though|although|but|while)\b|\.?$)")
DISPUTES = re.compile(r"\bno\s+(?:[\w-]+,?\s+){0,3}evidence\b|\bnot\s+effective\b|\bno\s+(?:benefit|effect)\b", re.I)
SYMPTOM_LEAD = re.compile(r"\b(?:symptoms?|signs?)\b", re.I)
WATCH_FOR = re.compile(r"\b(?:watch\s+(?:out\s+)?for|look\s+out\s+for|warning\s+signs?|emergency|right\s+away|immediately)\b", re.I)
SYMPTOMS_OF = re.compile(r"\b(?:symptoms?|signs?)\s+of\s+(?:an?\s+|the\s+)?(?P<of>[A-Za-z][\w\s-]{2,40}?)"
                         r"(?=\s*[,.;:(]|\s+(?:because|that|which|may|can|include|are|is)\b|$)", re.I)
SECOND_LINE = re.compile(r"\b(?:second|third|later)[- ](?:line|choice)\b", re.I)
#: "The most common incidence of treatment-emergent adverse events (≥15%) in patients … were A, B and C".
COMMON_EFFECTS = re.compile(r"\b(?:most\s+)?(?P<q>common(?:ly\s+reported)?|frequent|serious)\s+(?:[\w-]+\s+){0,4}?(?:side[- ]effects|"
                            r"adverse\s+(?:reactions|events|effects))\b(?:[^.:;]|\.\d){0,100}?\s(?:(?:were|are)(?!\s+\w+ed\b)|included?|includes)\s+", re.I)


def effect_predicate(qualifier: str) -> str:
    """The adverse-effect relation a qualifier names.

    >>> [effect_predicate(q) for q in ("Serious side effects", "rarely", "Common")]
    ['seriousAdverseEffect', 'rareAdverseEffect', 'commonAdverseEffect']
    """
    q = qualifier.lower()
    if re.search(r"\b(?:serious|severe|major)\b", q):
        return "seriousAdverseEffect"
    if re.search(r"\b(?:rare|rarely|uncommon)\b", q):
        return "rareAdverseEffect"
    return "commonAdverseEffect"
#: "serious breathing difficulties may occur in patients using X", "Nausea occurred in 33% of people taking X".
OCCURS_IN_USERS = re.compile(
    r"\b(?:(?:may|can|might|could)\s+)?(?:occur(?:s|red)?|happen(?:s|ed)?|develop(?:s|ed)?|(?:was|were|is|are)\s+reported)\s+"
    r"(?:in|among)\s+(?:about\s+|up\s+to\s+|nearly\s+)?(?:\d[\d.]*\s*(?:%|percent)?\s*(?:(?:to|-|–)\s*\d[\d.]*\s*(?:%|percent))?\s+of\s+)?"
    r"(?:the\s+)?(?:patients|people|those|adults|children|individuals|participants)\s+(?:using|taking|treated\s+with|given|on|"
    r"who\s+(?:take|took|used|use|received))\s+", re.I)
#: "who have respiratory risk factors" after the drug: a caution.
WHO_HAVE = re.compile(r"\bwho\s+(?:have|has|had)\s+(?:a\s+history\s+of\s+)?", re.I)
#: "The elderly are also at higher risk."
AT_RISK = re.compile(r"^(?:The\s+)?(?:elderly|older|young|pregnant|children|women|men|people|patients|adults|infants|"
                     r"teenagers|those)\b[^.;]{0,60}?\s(?:is|are)\s+(?:also\s+)?at\s+(?:a\s+)?(?:higher|increased|greater|"
                     r"particular)\s+risk\b", re.I)
#: "Talk to your doctor before taking X if you have …", "Before taking X, tell your doctor if you have or have ever had …".
CAUTION_IF = re.compile(
    r"\b(?:talk\s+(?:to|with)|tell|consult|check\s+with|ask|inform|let)\s+(?:your|a|the)\s+(?:doctor|physician|pharmacist|"
    r"healthcare\s+(?:provider|professional)|health\s+care\s+provider|GP|prescriber)(?:\s+(?:and|or)\s+(?:your\s+)?pharmacist)?"
    r"(?:\s+know)?(?:\s+before\s+(?:taking|using|starting|you\s+(?:take|use|start))\s+[^,.;]{1,40}?)?,?\s+if\s+you\s+"
    r"(?:have\s+or\s+have\s+ever\s+had|have\s+ever\s+had|have\s+(?:ever\s+)?been\s+diagnosed\s+with|have\s+had|have|had|"
    r"suffer\s+from|are)\s+(?:a\s+history\s+of\s+|any\s+of\s+the\s+following(?:\s+conditions)?:?\s*)?", re.I)
