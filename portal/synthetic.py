"""A synthetic, plainly fictional corpus of panel records for benchmarks and
scale tests: meetings with several dilemmas each, spread over ten years, in
every status (drafts and withdrawn items included), with outcomes, approval
dates, force responses and follow-ups where the status calls for them.

Nothing here is real text. Every sentence is assembled from the word lists
and templates below, so the corpus holds no names, places, numbers or dates
in its prose: it passes the portal's validation and anonymisation gate. The
output is deterministic for a given size and seed (``random.Random(seed)``
only; no clock, no environment), so two runs build byte-identical sites.

    corpus = generate_corpus(5000, seed=1, theme_ids=[...])
    corpus.write(records_dir)

Pure Python: no MkDocs import (see ``portal/__init__.py``).
"""
from __future__ import annotations

import datetime as dt
import math
import random
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

# Statuses a meeting's dilemmas can have, by how long ago the meeting was
# (0 = the latest meeting). Older items have moved further along the chain.
_STATUS_WEIGHTS_BY_AGE = (
    # (meetings ago, {status: weight})
    (0, {"draft": 3, "for-discussion": 12, "withdrawn": 1}),
    (1, {"draft": 1, "discussed": 12, "for-discussion": 2, "withdrawn": 1}),
    (3, {"draft": 1, "discussed": 5, "outcome-published": 10, "withdrawn": 1}),
    (10**9, {"draft": 1, "discussed": 1, "outcome-published": 6, "closed": 12, "withdrawn": 1}),
)
# Every status appears in any corpus of at least this many dilemmas.
_ALL_STATUSES = ("draft", "for-discussion", "discussed", "outcome-published", "closed", "withdrawn")

FIRST_YEAR_END = 2022  # the last year of the synthetic decade (before the real records)
IDS_PER_YEAR = 900  # ids are YYYY-NNN, so at most 999 a year; keep headroom
DILEMMAS_PER_MEETING = (3, 9)  # inclusive range


@dataclass(frozen=True)
class SyntheticDilemma:
    id: str
    title: str
    status: str
    meeting: str
    themes: tuple[str, ...]  # the themes the text is written about
    editor_themes: tuple[str, ...]  # the themes named in the front matter
    path: str  # inside the records folder
    text: str  # the whole file
    scenario: str
    hidden_sections: tuple[str, ...]  # section texts the public must not see at this status
    # (date, status) of each step the record went through, oldest first; the
    # last step is its current status (see SyntheticCorpus.history).
    timeline: tuple[tuple[dt.date, str], ...] = ()

    @property
    def is_public(self) -> bool:
        return self.status != "draft"


@dataclass(frozen=True)
class SyntheticMeeting:
    id: str
    path: str
    text: str
    dilemma_ids: tuple[str, ...]


@dataclass
class SyntheticCorpus:
    seed: int
    meetings: list[SyntheticMeeting] = field(default_factory=list)
    dilemmas: list[SyntheticDilemma] = field(default_factory=list)

    @property
    def files(self) -> dict[str, str]:
        """Path inside the records folder -> file text, meetings first."""
        out = {m.path: m.text for m in self.meetings}
        out.update({d.path: d.text for d in self.dilemmas})
        return out

    @property
    def public_dilemmas(self) -> list[SyntheticDilemma]:
        return [d for d in self.dilemmas if d.is_public]

    @property
    def drafts(self) -> list[SyntheticDilemma]:
        return [d for d in self.dilemmas if not d.is_public]

    def history(self) -> list[tuple[dt.date, dict[str, str]]]:
        """The records' life as a series of changes, oldest first: (date, {path: text}).

        A meeting's file arrives with its first dilemma; each dilemma arrives
        as a draft or for discussion and then moves through its statuses on
        the dates its front matter gives (discussed after the meeting, outcome
        approved, response recorded). The text at each step is the final
        text with that step's status, so replaying every change in order ends
        with exactly ``files``.
        """
        changes: dict[dt.date, dict[str, str]] = {}
        first_seen: dict[str, dt.date] = {}
        for dilemma in self.dilemmas:
            for index, (date, status) in enumerate(dilemma.timeline):
                final = index == len(dilemma.timeline) - 1
                text = dilemma.text if final else dilemma.text.replace(
                    f"\nstatus: {dilemma.status}\n", f"\nstatus: {status}\n", 1)
                changes.setdefault(date, {})[dilemma.path] = text
            start = dilemma.timeline[0][0]
            first_seen[dilemma.meeting] = min(start, first_seen.get(dilemma.meeting, start))
        for meeting in self.meetings:
            date = first_seen.get(meeting.id, dt.date.fromisoformat(meeting.id))
            changes.setdefault(date, {})[meeting.path] = meeting.text
        return sorted(changes.items())

    def write(self, records_dir: Path) -> None:
        """Write every record below ``records_dir`` (one folder per meeting)."""
        records_dir = Path(records_dir)
        for relative, text in self.files.items():
            path = records_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


# -- vocabulary -------------------------------------------------------------------
# Per theme: title phrases, situations (the opening of a scenario), complications
# and questions. Theme ids follow config/themes.yml; an id not listed here gets
# generic text and is named in the front matter so the record still carries it.
_THEME_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "social-media": {
        "titles": ("An officer's personal videos filmed in uniform",
                   "Replying to abuse on a force social media page",
                   "A group chat of colleagues on personal phones",
                   "Contacting a member of the public through a force account",
                   "Comments on a neighbourhood social media page"),
        "situations": ("A response officer has a large following for short videos posted on social media, some filmed in uniform at the station.",
                       "A neighbourhood team runs a social media page for a market town and posts updates about local incidents.",
                       "Several officers from one team use a messaging group on their personal phones to arrange shift swaps.",
                       "A member of the public reports a worrying post seen online, giving only the account's username.",
                       "An officer is added to a residents' messaging group and some members do not know a police officer can read it."),
        "complications": ("Comments under the post begin to speculate about who was involved, and some of them are abusive.",
                          "A screenshot of the messages is shared more widely than anyone intended.",
                          "Supervisors only learn about the online activity when a complaint arrives.",
                          "The post has been shared many times before anyone in the force sees it."),
        "questions": ("Should the force allow the online activity to continue?",
                      "How should the team moderate the page without silencing legitimate criticism?",
                      "What should supervisors do about the messaging group?"),
    },
    "public-communications": {
        "titles": ("False claims spreading after a serious incident",
                   "Correcting a misleading report about an arrest",
                   "Announcing a change to how calls are answered",
                   "Speaking publicly while an investigation continues"),
        "situations": ("After a serious incident in a town centre, false claims about what happened spread quickly online.",
                       "A local news outlet publishes a report about an arrest that the force knows to be inaccurate.",
                       "The communications team is preparing to announce a change to how non-emergency calls are handled.",
                       "Journalists ask the force to comment on an investigation that is still at an early stage."),
        "complications": ("Saying too much could prejudice a future trial; saying too little lets rumours grow.",
                          "Community leaders ask the force to correct the record before tensions rise further.",
                          "The correction itself risks drawing more attention to the original claim."),
        "questions": ("How should the force respond to the misinformation?",
                      "When should the force correct a report it knows to be wrong?",
                      "How much should the force say while the investigation continues?"),
    },
    "open-justice": {
        "titles": ("Releasing the image of a convicted offender",
                   "Naming a person who has been charged",
                   "A family's wish to publicise a sentence",
                   "Publishing the outcome of a misconduct hearing"),
        "situations": ("An offender has been convicted of a serious offence and the media ask for the custody image.",
                       "A person has been charged with an offence that has attracted wide public interest.",
                       "The family of a victim want the offender's image shared as widely as possible.",
                       "A misconduct hearing has concluded and the outcome must be published."),
        "complications": ("The offender's children still live in the area and attend a local school.",
                          "Publicity could help other victims come forward, but could also expose people who did nothing wrong.",
                          "The detail of the case could allow neighbours to work out who the victim is."),
        "questions": ("Should the force release the image?",
                      "How should the force balance open justice against the harm publicity may cause?",
                      "What should the force publish, and where?"),
    },
    "use-of-force": {
        "titles": ("Restraining a person in mental health crisis",
                   "Drawing a taser at a crowded scene",
                   "Using handcuffs on a distressed teenager",
                   "Force used during a search of a vehicle"),
        "situations": ("Officers are called to a person in mental health crisis who is becoming more agitated in a public place.",
                       "An officer draws a taser at a busy scene where a person is holding a bottle and shouting.",
                       "A distressed teenager refuses to leave a shop and lashes out at a security guard.",
                       "During a search of a vehicle, the driver pulls away from an officer's grip."),
        "complications": ("Body-worn video shows the encounter differently from the way witnesses describe it.",
                          "A bystander films the restraint and the clip is soon circulating.",
                          "The officer's training and the force's guidance point in different directions."),
        "questions": ("Was the force used proportionate, and how should that be judged?",
                      "What should the force learn from the encounter?",
                      "Should officers have acted differently, knowing what they knew at the time?"),
    },
    "stop-and-search": {
        "titles": ("Searching a young person on a hunch",
                   "Recording the grounds for a search",
                   "A complaint after a search in the street",
                   "Searches in an area with rising knife crime"),
        "situations": ("An officer stops a young person near a park because of the way the young person reacted to the patrol car.",
                       "A supervisor reviewing body-worn video finds the recorded grounds for several searches are thin.",
                       "A person complains that they were searched in the street in front of neighbours.",
                       "Searches in one district have risen sharply after a run of knife crime."),
        "complications": ("Nothing is found, and the young person's parent asks why the search happened at all.",
                          "Community representatives say the searches fall far more often on one group than on others.",
                          "Officers feel under pressure to show they are tackling the problem."),
        "questions": ("Was the search justified, and what should the supervisor do?",
                      "How can the force show the public that its searches are fair?",
                      "What should the force do about the pattern of searches?"),
    },
    "surveillance-technology": {
        "titles": ("Trialling facial recognition at an event",
                   "Using drones over a protest",
                   "An algorithm to prioritise missing person reports",
                   "Doorbell camera footage requested from residents"),
        "situations": ("The force proposes to trial live facial recognition cameras at a large public event.",
                       "Commanders want to fly a drone over a protest to monitor crowd movement.",
                       "A supplier offers software that scores missing person reports by risk.",
                       "Investigators ask residents across a whole estate to hand over doorbell camera footage."),
        "complications": ("There is little published evidence about how accurate the technology is for different groups.",
                          "The footage and images would capture many people who have nothing to do with any offence.",
                          "The supplier will not explain how its scoring works."),
        "questions": ("Should the force go ahead with the trial?",
                      "What safeguards should be in place before the technology is used?",
                      "How should the force explain its use of the technology to the public?"),
    },
    "data-and-privacy": {
        "titles": ("Sharing information with a school",
                   "A request to look up a neighbour on police systems",
                   "Keeping records of people who were never charged",
                   "Passing details to a housing provider"),
        "situations": ("A school asks the force for information about a pupil's family after concerns are raised.",
                       "A member of staff is asked by a friend to check police systems about a neighbour.",
                       "Records of people who were investigated but never charged are kept for many years.",
                       "A housing provider asks for details of calls to an address to support an eviction."),
        "complications": ("The information could protect a child, but sharing it could also harm the family.",
                          "The person asking insists that the check is only to keep someone safe.",
                          "The law allows the sharing, but the people concerned would not expect it."),
        "questions": ("Should the information be shared, and on what basis?",
                      "What should a member of staff do when asked to make such a check?",
                      "How long should the force keep the records?"),
    },
    "vulnerability": {
        "titles": ("A parent asks what to message a missing teenager",
                   "Returning a missing person who does not want to go home",
                   "A repeat caller in mental health crisis",
                   "An older person taken in by a scam"),
        "situations": ("An officer attends a report of a missing teenager who is reading messages from a parent but not replying.",
                       "A missing person is found safe but says they will not return home and will not say why.",
                       "A person in mental health crisis calls the control room many times a night.",
                       "An older person has been persuaded by a scammer to hand over their savings and feels ashamed."),
        "complications": ("The parent asks the officer to write the message for them.",
                          "Mental health services are closed until the morning and there is nowhere suitable to go.",
                          "The person's family want the police to take charge of their finances."),
        "questions": ("What should the officer do?",
                      "How far should the police go in protecting a person who does not want help?",
                      "Who should take responsibility for the person's safety?"),
    },
    "victims-and-families": {
        "titles": ("Telling a family about a delay in an investigation",
                   "A victim who withdraws support for a prosecution",
                   "Keeping a family informed after a death",
                   "A victim asks for an officer to be replaced"),
        "situations": ("A family are told that an investigation into their relative's death will take many more months.",
                       "A victim of domestic abuse withdraws support for a prosecution after pressure from relatives.",
                       "After a sudden death, the family ask for details the force is not yet able to share.",
                       "A victim says they have lost confidence in the investigating officer and asks for someone else."),
        "complications": ("The family say they learned more from social media than from the police.",
                          "Continuing without the victim's support could put the victim at greater risk.",
                          "The officer believes the request is unfair and asks to stay on the case."),
        "questions": ("How should the force keep the family informed?",
                      "Should the prosecution continue without the victim's support?",
                      "How should the force respond to the victim's request?"),
    },
    "equality-and-hate": {
        "titles": ("A racist message in a residents' chat group",
                   "Recording an incident as a hate incident",
                   "Religious dress and uniform rules",
                   "Disproportionate complaints against one group of staff"),
        "situations": ("An off-duty officer sees a racist message about a resident in a neighbourhood messaging group.",
                       "A caller insists that an incident be recorded as a hate incident, but the officer is not sure it meets the definition.",
                       "A new recruit asks to wear religious dress that the uniform policy does not mention.",
                       "An analysis shows that complaints against staff from minority groups are far more likely to go to a formal hearing."),
        "complications": ("The officer is about to go on leave and worries about acting without support.",
                          "Recording the incident would appear on future checks of the person named.",
                          "Some colleagues say that making an exception would be unfair to everyone else."),
        "questions": ("What should the officer do?",
                      "How should the force decide?",
                      "What should the force change, and how should it explain the change?"),
    },
    "professional-boundaries": {
        "titles": ("A friendship with a victim after a case closes",
                   "An officer's second job",
                   "Accepting a gift from a grateful family",
                   "Off-duty conduct at a sports club"),
        "situations": ("After a case closes, a victim sends an officer a friendly message and suggests meeting for coffee.",
                       "An officer asks permission to work weekends for a private security firm.",
                       "A grateful family bring a hamper to the station for the team who found their relative.",
                       "An off-duty officer is asked by club members to intervene in a dispute at a sports club."),
        "complications": ("The victim is vulnerable and the relationship began through the officer's duties.",
                          "The firm sometimes works at events the force also polices.",
                          "Refusing could cause real hurt to people who only wanted to say thank you."),
        "questions": ("Where should the line be drawn?",
                      "Should the request be approved, and on what conditions?",
                      "What should the officer do?"),
    },
    "integrity-and-conflicts": {
        "titles": ("A contract awarded to a relative's firm",
                   "A senior officer's undeclared interest",
                   "A colleague's shortcut with evidence",
                   "Discounts offered to police staff"),
        "situations": ("A manager realises that a firm bidding for a force contract is run by a relative.",
                       "A senior officer sits on the board of a charity that receives a force grant.",
                       "A detective sees a colleague fill in a gap in a statement from memory.",
                       "A local business offers discounts to anyone who shows a police warrant card."),
        "complications": ("The firm offered the best price by some margin.",
                          "Raising the concern could damage a long working relationship.",
                          "Nobody has declared anything, and the rules are not clear."),
        "questions": ("What should the manager do?",
                      "How should the force manage the conflict of interest?",
                      "Should staff accept the offer?"),
    },
    "speaking-up-and-culture": {
        "titles": ("Reporting a supervisor's remarks",
                   "A team that closes ranks",
                   "Anonymous reports about a department",
                   "Banter that goes too far"),
        "situations": ("A probationer hears a supervisor make demeaning remarks about a member of the public.",
                       "A new member of a team notices that concerns are settled informally and never recorded.",
                       "The force receives several anonymous reports describing bullying in one department.",
                       "Jokes in a team's group chat become steadily more offensive."),
        "complications": ("The probationer's assessment is written by the same supervisor.",
                          "Colleagues warn that reporting would make life very difficult.",
                          "Without names, the reports are hard to investigate."),
        "questions": ("What should the probationer do, and what support should they have?",
                      "How can the force make it safe to speak up?",
                      "How should the force act on anonymous reports?"),
    },
    "covert-tactics": {
        "titles": ("Posing as a teenager online",
                   "Using a false profile to watch a suspect",
                   "An informant who keeps offending",
                   "Covert recording in a public meeting"),
        "situations": ("Investigators want to pose as a teenager online to identify people grooming children.",
                       "An officer proposes creating a false profile to watch a suspect's online activity.",
                       "An informant providing valuable intelligence is suspected of committing offences.",
                       "Officers consider covertly recording a public meeting where threats were made."),
        "complications": ("The tactic risks drawing in people who would not otherwise have offended.",
                          "The authorisation process is slow and the opportunity may pass.",
                          "Stopping now would lose intelligence that protects others."),
        "questions": ("Is the tactic justified?",
                      "What safeguards should apply?",
                      "Should the force continue to use the informant?"),
    },
    "custody": {
        "titles": ("A detainee refuses to be assessed",
                   "Missed checks in a custody suite",
                   "A child held overnight in custody",
                   "Removing clothing from a detainee at risk"),
        "situations": ("A detainee in the custody suite refuses a health assessment and becomes distressed.",
                       "A review finds that several cell checks were missed during a busy night in custody.",
                       "A child is held overnight in custody because no alternative accommodation can be found.",
                       "Custody staff consider removing a detainee's clothing because of a risk of self-harm."),
        "complications": ("The custody sergeant has no health professional available for several hours.",
                          "The staff on duty were covering for colleagues who were off sick.",
                          "The local authority says it has nowhere to place the child."),
        "questions": ("What should the custody sergeant do?",
                      "Who is accountable for what happened, and what should change?",
                      "How should the force balance the detainee's dignity and safety?"),
    },
    "public-order-and-protest": {
        "titles": ("Conditions on a protest outside a clinic",
                   "Counter-protesters at a march",
                   "Policing a protest that blocks a road",
                   "Officers photographed at a demonstration"),
        "situations": ("Campaigners plan a protest outside a clinic and staff say they feel intimidated.",
                       "A march is planned and a counter-protest is announced for the same day.",
                       "Protesters block a main road and drivers begin to confront them.",
                       "Photographs of officers at a demonstration are posted online with hostile comments."),
        "complications": ("Imposing conditions may look like taking sides in a political dispute.",
                          "Resources are stretched by another large event on the same day.",
                          "The right to protest and the rights of others pull in different directions."),
        "questions": ("Should the force impose conditions, and which?",
                      "How should the force balance the rights of protesters and of others?",
                      "How should the force protect its officers without restricting the protest?"),
    },
    "workforce-wellbeing": {
        "titles": ("Cancelled rest days over a long summer",
                   "A call handler after a distressing call",
                   "Returning to work after an assault",
                   "Working hours of a stretched investigation team"),
        "situations": ("Rest days have been cancelled for months to cover events and staff are exhausted.",
                       "A call handler takes a distressing call and is expected to take the next call straight away.",
                       "An officer assaulted on duty wants to return to the same role quickly.",
                       "A small investigation team is working long hours on a growing caseload."),
        "complications": ("Managers fear that refusing the extra work would leave the public unprotected.",
                          "Support services have a long waiting list.",
                          "Staff are reluctant to say they are struggling in case it affects their careers."),
        "questions": ("How should the force balance its duty to the public and to its staff?",
                      "What support should the force offer?",
                      "What should managers do?"),
    },
    "community-engagement-and-trust": {
        "titles": ("A community meeting after a death in custody",
                   "An engagement event boycotted by residents",
                   "Independent advisers who disagree with the force",
                   "Rebuilding trust after a failed investigation"),
        "situations": ("After a death in police custody, community leaders ask the force to attend a public meeting.",
                       "Residents boycott an engagement event because of a recent incident in the area.",
                       "Members of an independent advisory group publicly disagree with a force decision.",
                       "A failed investigation has left a community sceptical that the police will act."),
        "complications": ("The investigation into the death is being run by an independent body.",
                          "Some groups say the force only listens to those who already support it.",
                          "Any promise the force makes will be watched closely."),
        "questions": ("Should the force attend, and what can it say?",
                      "How should the force respond to the disagreement?",
                      "How can the force rebuild trust?"),
    },
    "priorities-and-resources": {
        "titles": ("Not attending some burglaries",
                   "Closing a front counter",
                   "Choosing which reports to investigate",
                   "Moving officers from neighbourhood teams"),
        "situations": ("The force considers no longer attending burglaries where nothing was taken.",
                       "A front counter used by few people is proposed for closure to save money.",
                       "An investigation unit cannot investigate every report it receives.",
                       "Neighbourhood officers are regularly moved to cover response shifts."),
        "complications": ("The people most affected are least likely to complain.",
                          "The savings are needed, but the change would be visible and unpopular.",
                          "The decision rules are not published."),
        "questions": ("How should the force decide, and how should it explain its decision?",
                      "Who should be consulted before the change?",
                      "What should the force publish about its choices?"),
    },
}
# Aliases: the same vocabulary under the ids other taxonomies may use.
_THEME_TEXT["community-trust"] = _THEME_TEXT["community-engagement-and-trust"]
_THEME_TEXT["integrity"] = _THEME_TEXT["integrity-and-conflicts"]
_THEME_TEXT["data-sharing-and-privacy"] = _THEME_TEXT["data-and-privacy"]

_GENERIC = {
    "titles": ("A difficult decision for a supervisor", "A request the force is unsure how to answer",
               "Competing duties at a busy incident", "A policy that does not fit the case"),
    "situations": ("A supervisor must decide quickly how to respond to an unusual request from a member of the public.",
                   "Officers at a busy incident find that two of their duties point in different directions.",
                   "A team is asked to apply a policy to a case its authors did not foresee."),
    "complications": ("Whatever is decided will be difficult to explain to everyone affected.",
                      "There is no clear guidance, and colleagues disagree."),
    "questions": ("What should the force do?", "How should the supervisor decide?"),
}

_CONTEXT = (
    "It is late in the evening and the shift is short of staff.",
    "The incident happens during a period of intense local interest in policing.",
    "Nobody involved has faced a situation quite like this before.",
    "The force's guidance covers part of the situation but not all of it.",
    "A decision is needed within the hour.",
    "The team has been praised recently for its work in the area.",
    "Previous cases like this were handled in different ways by different teams.",
    "Partner agencies have their own view of what should happen.",
    "The people involved are well known in the neighbourhood.",
    "A complaint about a similar situation is still being considered.",
    "The duty inspector is dealing with another serious incident at the same time.",
    "Some of the facts are disputed and may never be clear.",
    "The situation develops over several weeks rather than in a single moment.",
    "The team's usual supervisor is on leave and a colleague is acting up.",
    "Similar situations have arisen in neighbouring areas.",
    "The people involved have had contact with the police before, for unrelated reasons.",
    "Local councillors have asked to be kept informed.",
    "The matter has already been discussed at a team briefing without agreement.",
    "A charity working in the area has offered its help.",
    "The force has recently promised to be more open about decisions like this.",
)
_DETAIL = (
    "One colleague suggests waiting until more is known; another argues that waiting would be a decision in itself.",
    "The officer is conscious that the decision will be judged later with the benefit of hindsight.",
    "The people affected have very different views about what would be fair.",
    "A similar decision last year led to criticism from a local campaign group.",
    "Records show that the same concern has been raised before without any change.",
    "The supervisor is new to the role and wants to get it right.",
    "The legal position is clear, but it does not settle what would be right.",
    "Staff are worried about how the decision would look if it were reported.",
    "The choice could set a precedent for similar cases across the force.",
    "Nothing in the training covered a situation quite like this one.",
    "The public would expect the police to act, but it is not clear how.",
    "There are risks whichever option is chosen.",
    "Acting now would protect some people but could harm others.",
    "The officer asks a supervisor for advice, but the supervisor is unsure too.",
    "Friends and relatives of those involved have strong opinions and share them freely.",
    "The force's values point one way and its usual practice points another.",
    "Doing nothing would be the easiest option, but it may not be the right one.",
    "Whoever decides will have to explain the decision to people who disagree with it.",
    "There is a real chance that the situation will get worse before it gets better.",
    "Staff are unsure whether this is a matter for the police at all.",
)
# Specifics that vary from record to record, so the corpus has a realistic
# spread of vocabulary (search index, related dilemmas) rather than a handful
# of repeated sentences.
_VENUES = (
    "a food bank", "a leisure centre", "a bus station", "a retail park", "a care home",
    "a university campus", "an allotment site", "a youth club", "a late-night takeaway",
    "a hospital car park", "a railway footbridge", "a community library", "a boxing gym",
    "a caravan site", "a canal towpath", "a primary school gate", "a shopping arcade",
    "a nightclub queue", "a hostel for homeless people", "a mosque car park", "a church hall",
    "a garden centre", "a motorway service station", "a farm shop", "a skate park",
    "a bowling alley", "a launderette", "a taxi rank", "a cricket pavilion", "a tattoo studio",
)
_ITEMS = (
    "a borrowed bicycle", "a lost wallet", "a dashcam recording", "a parcel left on a doorstep",
    "an abandoned scooter", "a cracked windscreen", "a handwritten note", "a set of keys",
    "a leaflet about a local campaign", "a mobile phone found in a hedge", "a charity collection tin",
    "an unpaid fuel bill", "a broken padlock", "a petition", "a video doorbell", "a birthday card",
    "a photograph of a car", "a neighbour's complaint letter", "an overdue library book",
    "a dog without a collar", "a pair of muddy trainers", "a voice message", "a takeaway receipt",
)
_REACTIONS = (
    "shrugs it off", "becomes tearful", "asks to speak to someone more senior",
    "starts filming on a phone", "refuses to give any details", "apologises repeatedly",
    "insists that it is all a misunderstanding", "threatens to complain", "laughs nervously",
    "asks for a friend to be present", "walks away mid-conversation", "offers to help",
)
_SPECIFICS = (
    "The first contact happens at {venue}, where {item} becomes important.",
    "Later, at {venue}, a witness mentions {item}; the person concerned {reaction}.",
    "When the matter is raised, the person concerned {reaction}, and {item} is mentioned for the first time.",
    "Staff at {venue} say they have seen this before and describe {item}.",
    "A member of the public near {venue} {reaction} when asked about {item}.",
)

_CLOSING_QUESTIONS = (
    "What principles should guide the decision?",
    "What would a member of the public expect?",
    "Who else should be involved in the decision?",
    "What should the force record about its reasoning?",
    "Would the answer be different if the circumstances changed slightly?",
)
_OUTCOME = (
    "The panel agreed that the officer acted in good faith but that the decision should have been escalated sooner.",
    "Members felt that the force's duty to protect the vulnerable person outweighed the other considerations.",
    "The panel was divided: some members thought the action proportionate, others thought it went too far.",
    "Members recommended that the reasoning behind decisions like this be written down at the time.",
    "The panel advised that the public be told more about how such decisions are made.",
    "Members questioned whether the existing guidance was clear enough for staff under pressure.",
    "The panel recommended that the force review its policy and report back.",
    "Members noted that transparency about the decision would help maintain public trust.",
    "The panel agreed that the decision was finely balanced and that either course could be defended.",
    "Members suggested that staff be given more support when facing decisions of this kind.",
    "The panel considered that the interests of those affected had not been given enough weight.",
    "Members advised the force to seek the views of the communities most affected.",
)
_RESPONSE = (
    "The force has updated its guidance to make clear when a decision should be escalated.",
    "The force accepted the panel's recommendation and has added the scenario to training.",
    "The force has published a short explanation of how it makes decisions of this kind.",
    "The force accepted most of the panel's advice and explained why it did not accept the rest.",
    "A review of the policy has been completed and the changes have been shared with staff.",
    "The force has agreed to report on the effect of the change at a future meeting.",
    "Supervisors have been briefed on the panel's views.",
    "The force decided not to change its policy and set out its reasons to the panel.",
)
_FOLLOW_UP = (
    "The panel reviewed the effect of the change and asked for a further update.",
    "The updated guidance has been in use across the force and staff report that it is clearer.",
    "A later review found that the change had reduced complaints about similar situations.",
    "The panel was told that the training had been delivered to all new supervisors.",
)
_SUMMARY_LEADS = (
    "Should the police", "How far should the force go to", "When is it right to",
    "Is it acceptable to", "How should officers",
)
_SUMMARY_ENDS = (
    "when duties conflict?", "when the public's expectations are unclear?",
    "when the law allows it but it may not be right?", "under pressure and with little guidance?",
)
_WITHDRAWN_REASONS = (
    "Withdrawn at the request of the team that submitted it, because the situation is the subject of live proceedings.",
    "Withdrawn because the panel considered a very similar dilemma at an earlier meeting.",
    "Withdrawn because, on review, it could not be anonymised enough to publish safely.",
)
_MEETING_SUBJECTS = ("Ethical dilemmas", "Ethical dilemmas and force responses",
                     "Dilemmas for discussion")
_AUTHOR_ROLES = ("Head of Communications and Engagement", "Head of Professional Standards",
                 "Ethics Lead", "Head of Corporate Development")
_MEETING_COMMENTARY = (
    "Ethical dilemmas remain a standing item on the panel's agenda and are open to submission by all roles across the force.",
    "The dilemmas in the appendix have been anonymised so that no individual can be identified.",
    "Members are asked to give their views on each scenario; their views will be published once approved.",
    "The force's responses to earlier dilemmas are reported separately.",
)


# -- generation ---------------------------------------------------------------------
def generate_corpus(size: int, *, seed: int = 0, theme_ids: list[str] | tuple[str, ...] = (),
                    principles: dict[str, list[str]] | None = None) -> SyntheticCorpus:
    """``size`` dilemmas (drafts included) and their meetings, deterministically.

    ``theme_ids`` are the ids of config/themes.yml (see ``vocabulary_from_files``);
    ``principles`` maps a framework to its principle ids (config/principles.yml).
    """
    if size < 0:
        raise ValueError("size must be zero or more")
    theme_ids = list(theme_ids) or sorted(t for t in _THEME_TEXT if t not in
                                          ("community-trust", "integrity", "data-sharing-and-privacy"))
    principles = principles or {}
    rng = random.Random(seed)
    corpus = SyntheticCorpus(seed=seed)

    group_sizes: list[int] = []
    while sum(group_sizes) < size:
        group_sizes.append(min(rng.randint(*DILEMMAS_PER_MEETING), size - sum(group_sizes)))
    dates = _meeting_dates(len(group_sizes), size, rng)
    statuses = _statuses(group_sizes, rng)

    per_year: dict[int, int] = {}
    position = 0
    for meeting_index, (date, count) in enumerate(zip(dates, group_sizes)):
        ids = []
        for _ in range(count):
            per_year[date.year] = per_year.get(date.year, 0) + 1
            record_id = f"{date.year}-{per_year[date.year]:03d}"
            ids.append(record_id)
            corpus.dilemmas.append(_dilemma(rng, record_id, date, statuses[position],
                                            theme_ids, principles))
            position += 1
        corpus.meetings.append(_meeting(rng, date, tuple(ids), meeting_index))
    return corpus


def vocabulary_from_files(themes_file: Path, principles_file: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Theme ids and principle ids from the portal's data files, read with the
    portal's own loaders so the corpus always fits the configured vocabulary."""
    from . import tagging  # lazily: the generator itself needs only the ids

    taxonomy = tagging.load_taxonomy(themes_file)
    principles = tagging.load_principles(principles_file)
    return list(taxonomy.ids), {f.id: [p.id for p in f.principles] for f in principles.frameworks}


def _meeting_dates(count: int, size: int, rng: random.Random) -> list[dt.date]:
    """``count`` distinct weekday dates spread over at least ten years, oldest
    first, with no year holding more than ``IDS_PER_YEAR`` dilemmas on average."""
    years = max(10, math.ceil(size / IDS_PER_YEAR))
    first = dt.date(FIRST_YEAR_END - years + 1, 1, 10)
    span = (dt.date(FIRST_YEAR_END, 12, 15) - first).days
    step = span / max(count, 1)
    dates: list[dt.date] = []
    taken: set[dt.date] = set()
    for index in range(count):
        day = first + dt.timedelta(days=int(index * step + rng.random() * step * 0.5))
        while day.weekday() >= 5 or day in taken or (dates and day <= dates[-1]):
            day += dt.timedelta(days=1)
        taken.add(day)
        dates.append(day)
    return dates


def _statuses(group_sizes: list[int], rng: random.Random) -> list[str]:
    statuses: list[str] = []
    meetings = len(group_sizes)
    for index, count in enumerate(group_sizes):
        age = meetings - 1 - index
        weights = next(w for limit, w in _STATUS_WEIGHTS_BY_AGE if age <= limit)
        names, values = zip(*weights.items())
        statuses += rng.choices(names, values, k=count)
    # Make sure every status is represented once the corpus is big enough, by
    # turning the first few older records into the missing ones.
    if len(statuses) >= 2 * len(_ALL_STATUSES):
        missing = [s for s in _ALL_STATUSES if s not in statuses]
        for slot, status in zip(range(0, len(statuses), 2), missing):
            statuses[slot] = status
    return statuses


def _theme_text(theme_id: str) -> dict[str, tuple[str, ...]]:
    return _THEME_TEXT.get(theme_id, _GENERIC)


def _dilemma(rng: random.Random, record_id: str, meeting: dt.date, status: str,
             theme_ids: list[str], principles: dict[str, list[str]]) -> SyntheticDilemma:
    count = rng.choices((1, 2, 3), (5, 4, 1))[0]
    themes = tuple(rng.sample(theme_ids, k=min(count, len(theme_ids))))
    main = _theme_text(themes[0])
    title = rng.choice(main["titles"])
    # Length varies from a short paragraph to a long, several-part scenario.
    pick = _Picker(rng)
    paragraphs = [_paragraph(pick, main, opening=True)]
    for _ in range(rng.choices((0, 1, 2, 4, 6), (5, 4, 3, 2, 1))[0]):
        paragraphs.append(_paragraph(pick, _theme_text(rng.choice(themes))))
    scenario = "\n\n".join(_wrap(p) for p in paragraphs)
    questions = [rng.choice(main["questions"])]
    if rng.random() < 0.4:
        questions.append(rng.choice(_CLOSING_QUESTIONS))
    question_text = (questions[0] if len(questions) == 1
                     else "\n".join(f"- {q}" for q in questions))

    sections = [("Scenario", scenario), ("Questions for the panel", question_text)]
    hidden: list[str] = []
    meta: list[str] = ["type: dilemma", f"id: {record_id}", f"title: {title}",
                       f"status: {status}", f"meeting: {meeting.isoformat()}"]
    # Most editors name the themes; the rest are left to the automatic tagger
    # (and still carry the main theme, so a record always has one).
    editor_themes = themes if rng.random() < 0.7 else themes[:1]
    meta.append(f"themes: [{', '.join(editor_themes)}]")
    if principles and rng.random() < 0.6:
        meta.append("principles:")
        for framework, ids in principles.items():
            if ids and rng.random() < 0.7:
                chosen = rng.sample(ids, k=min(len(ids), rng.randint(1, 2)))
                meta.append(f"  {framework}: [{', '.join(chosen)}]")
        if meta[-1] == "principles:":
            meta.pop()
    if rng.random() < 0.5:
        meta.append(f"summary: {rng.choice(_SUMMARY_LEADS)} act {rng.choice(_SUMMARY_ENDS)}")

    updated = None
    approved = meeting + dt.timedelta(days=rng.randint(28, 70))
    responded = approved + dt.timedelta(days=rng.randint(20, 120))
    outcome = _wrap(" ".join(rng.sample(_OUTCOME, k=rng.randint(2, 5))))
    response = _wrap(" ".join(rng.sample(_RESPONSE, k=rng.randint(1, 3))))
    if status in ("outcome-published", "closed"):
        meta.append(f"outcome_approved: {approved.isoformat()}")
        sections.append(("Panel outcome", outcome))
    elif status == "discussed" and rng.random() < 0.5:
        sections.append(("Panel outcome", outcome))  # written, not yet approved: hidden
        hidden.append(outcome)
    if status == "closed":
        meta.append(f"response_date: {responded.isoformat()}")
        sections.append(("Force response", response))
        if rng.random() < 0.3:
            follow = _wrap(" ".join(rng.sample(_FOLLOW_UP, k=rng.randint(1, 2))))
            sections.append(("Follow-up", follow))
            updated = responded + dt.timedelta(days=rng.randint(60, 200))
            meta.append(f"updated: {updated.isoformat()}")
    elif status == "outcome-published" and rng.random() < 0.3:
        sections.append(("Force response", response))  # drafted, not yet published: hidden
        hidden.append(response)
    if status == "withdrawn":
        meta.append(f"status_reason: {rng.choice(_WITHDRAWN_REASONS)}")

    timeline = [(meeting - dt.timedelta(days=14), "draft" if status == "draft" else "for-discussion")]
    if status in ("discussed", "outcome-published", "closed"):
        timeline.append((meeting + dt.timedelta(days=1), "discussed"))
    if status in ("outcome-published", "closed"):
        timeline.append((approved, "outcome-published"))
    if status == "closed":
        timeline.append((responded, "closed"))
    if status == "withdrawn":
        timeline.append((meeting - dt.timedelta(days=2), "withdrawn"))
    if updated is not None:
        timeline.append((updated, status))

    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections)
    text = "---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n"
    return SyntheticDilemma(
        id=record_id, title=title, status=status, meeting=meeting.isoformat(),
        themes=themes, editor_themes=tuple(editor_themes),
        path=f"{meeting.isoformat()}/{record_id}.md", text=text, scenario=scenario,
        hidden_sections=tuple(hidden), timeline=tuple(timeline),
    )


class _Picker:
    """Random choices that avoid repeating a sentence within one record while
    the pool lasts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, pool: tuple[str, ...]) -> str:
        fresh = [item for item in pool if item not in self.used]
        choice = self.rng.choice(fresh or pool)
        self.used.add(choice)
        return choice


def _paragraph(pick: _Picker, vocab: dict[str, tuple[str, ...]], *, opening: bool = False) -> str:
    rng = pick.rng
    sentences = []
    if opening:
        sentences.append(pick(vocab["situations"]))
    else:
        situation = pick(vocab["situations"])
        sentences.append("In a similar case, a " + situation[2:]
                         if situation.startswith("A ") and rng.random() < 0.4 else pick(_DETAIL))
    sentences.append(pick(_CONTEXT))
    if rng.random() < 0.7:
        sentences.append(rng.choice(_SPECIFICS).format(
            venue=rng.choice(_VENUES), item=rng.choice(_ITEMS), reaction=rng.choice(_REACTIONS)))
    sentences.append(pick(vocab["complications"]))
    sentences += [pick(_DETAIL) for _ in range(rng.randint(1, 3))]
    return " ".join(sentences)


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=78, break_long_words=False, break_on_hyphens=False)


def _meeting(rng: random.Random, date: dt.date, dilemma_ids: tuple[str, ...], index: int) -> SyntheticMeeting:
    start_hour = rng.choice((9, 10, 14))
    subject = rng.choice(_MEETING_SUBJECTS)
    commentary = _wrap(" ".join(rng.sample(_MEETING_COMMENTARY, k=rng.randint(2, 4))))
    text = (
        "---\n"
        "type: meeting\n"
        f"date: {date.isoformat()}\n"
        f'start: "{start_hour:02d}:00"\n'
        f'end: "{start_hour + 2:02d}:00"\n'
        "title: Ethics and Transparency Panel\n"
        f"subject: {subject}\n"
        "report_of: Chief Constable\n"
        f"author_role: {rng.choice(_AUTHOR_ROLES)}\n"
        "purpose: >-\n"
        "  The purpose of this report is to seek members' views on the ethical\n"
        "  scenarios outlined within the appendix.\n"
        "recommendations: >-\n"
        "  It is recommended that members discuss and consider the ethical\n"
        "  scenarios and provide their views.\n"
        "appendices:\n"
        "  - Appendix A - Dilemmas for discussion\n"
        "---\n\n"
        f"## Commentary\n\n{commentary}\n"
    )
    return SyntheticMeeting(id=date.isoformat(), path=f"{date.isoformat()}/meeting.md", text=text,
                            dilemma_ids=dilemma_ids)
