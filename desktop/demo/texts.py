"""Words, names and sentence templates the demo generator draws from.

Plain data only. Every template exists in English, German and Norwegian (bokmål) so the
client's question detection, mention parsing and rules of engagement meet all three languages.
Placeholders: ``{topic}`` (the post's topic in the comment's language), ``{staff}`` (a staff
username for @mentions), ``{asker}`` (the username being answered), ``{link}`` (an intranet URL).
Kinds: ``answer`` answers a question, ``reply`` is a staff reply to feedback on the staff
member's own post.
"""

from __future__ import annotations

LANGUAGES = ("en", "de", "nb")

FIRST_NAMES = {
    "en": (
        "Oliver", "Emily", "James", "Charlotte", "Harry", "Sophie", "George", "Amelia",
        "Jack", "Olivia", "Thomas", "Grace", "William", "Lucy", "Daniel", "Hannah",
        "Samuel", "Chloe", "Matthew", "Isabella", "Joseph", "Ella", "David", "Megan",
    ),
    "de": (
        "Jürgen", "Sabine", "Lukas", "Katrin", "Maximilian", "Anja", "Felix", "Birgit",
        "Jonas", "Stefanie", "Tobias", "Ulrike", "Sebastian", "Claudia", "Florian", "Jana",
        "Matthias", "Lena", "Dominik", "Franziska", "Andreas", "Miriam", "Björn", "Jörg",
    ),
    "nb": (
        "Ingrid", "Ole", "Silje", "Lars", "Ragnhild", "Håkon", "Sigrid", "Bjørn",
        "Marit", "Øyvind", "Solveig", "Magnus", "Tone", "Sindre", "Åse", "Eirik",
        "Hege", "Torstein", "Liv", "Knut", "Kristin", "Espen", "Guro", "Vegard",
    ),
}

LAST_NAMES = {
    "en": (
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
    ),
    "de": (
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
    ),
    "nb": (
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
        "Haugen", "Berg", "Dahl", "Lie", "Strand", "Solberg", "Bakken", "Sæther",
    ),
}

# Folding of non-ASCII letters for usernames (display names keep them).
USERNAME_FOLD = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o", "å": "aa", "é": "e"}
)

SITES = (
    "Oslo HQ", "Hamburg", "Bergen", "Manchester", "München", "Trondheim", "Berlin",
    "London", "Stavanger", "Wien",
)
DEPARTMENTS = (
    "HR", "IT Service Desk", "Finance", "Marketing & Communication", "Research & Development",
    "Sales", "Facilities", "Legal", "Customer Support", "Logistics",
)

# (en, de, nb) topic phrases, used inside sentences.
TOPICS = (
    ("the new canteen menu", "den neuen Speiseplan der Kantine", "den nye kantinemenyen"),
    ("the move to the new office", "den Umzug ins neue Büro", "flyttingen til det nye kontoret"),
    ("the home office policy", "die Homeoffice-Regelung", "hjemmekontorordningen"),
    ("the summer party", "das Sommerfest", "sommerfesten"),
    ("the new travel expense tool", "das neue Reisekostentool", "det nye reiseregningsverktøyet"),
    (
        "the bike-to-work campaign",
        "die Aktion Mit dem Rad zur Arbeit",
        "sykle-til-jobben-kampanjen",
    ),
    ("the parking situation", "die Parkplatzsituation", "parkeringssituasjonen"),
    ("the Q3 results", "die Quartalszahlen Q3", "resultatene for tredje kvartal"),
    ("the password change", "die Passwortänderung", "passordbyttet"),
    ("the new coffee machines", "die neuen Kaffeemaschinen", "de nye kaffemaskinene"),
    ("the customer survey", "die Kundenumfrage", "kundeundersøkelsen"),
    ("the onboarding programme", "das Onboarding-Programm", "introduksjonsprogrammet"),
    ("the Christmas lunch", "das Weihnachtsessen", "julelunsjen"),
    ("the sustainability report", "den Nachhaltigkeitsbericht", "bærekraftsrapporten"),
    ("the new intranet search", "die neue Intranet-Suche", "det nye intranettsøket"),
    ("the fire drill", "die Brandschutzübung", "brannøvelsen"),
)

POST_TITLES = {
    "en": (
        "Update: {topic}", "What you need to know about {topic}", "News from {area}: {topic}",
        "Your input wanted on {topic}", "Heads-up: {topic}",
    ),
    "de": (
        "Update: {topic}", "Alles Wichtige zu {topic}", "Neues aus {area}: {topic}",
        "Eure Meinung zu {topic} ist gefragt", "Hinweis: {topic}",
    ),
    "nb": (
        "Oppdatering: {topic}", "Dette må du vite om {topic}", "Nytt fra {area}: {topic}",
        "Vi vil høre fra deg om {topic}", "Viktig: {topic}",
    ),
}

POST_INTROS = {
    "en": (
        ("Here is the latest on {topic}. The details are on the <a href=\"{link}\">project "
         "page</a>."),
        "Many of you asked about {topic}, so here is a short summary of where we stand.",
        "We have news about {topic}. <b>Please read this before Friday.</b>",
    ),
    "de": (
        ("Hier der aktuelle Stand zu {topic}. Details gibt es auf der <a "
         "href=\"{link}\">Projektseite</a>."),
        "Viele von euch haben nach {topic} gefragt, hier eine kurze Zusammenfassung.",
        "Es gibt Neuigkeiten zu {topic}. <b>Bitte bis Freitag lesen.</b>",
    ),
    "nb": (
        ("Her er siste nytt om {topic}. Detaljene finner du på <a "
         "href=\"{link}\">prosjektsiden</a>."),
        "Mange av dere har spurt om {topic}, så her er en kort oppsummering.",
        "Vi har nyheter om {topic}. <b>Les dette før fredag.</b>",
    ),
}

POST_QUESTIONS = {
    "en": ("What do you think?", "How does this work for your team?", "Any questions? Ask below!"),
    "de": ("Was meint ihr?", "Wie klappt das in eurem Team?", "Fragen? Einfach unten stellen!"),
    "nb": (
        "Hva synes dere?",
        "Hvordan fungerer dette for teamet ditt?",
        "Spørsmål? Spør i kommentarfeltet!",
    ),
}

# Comment templates by kind and language.
COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "question": {
        "en": (
            "Does {topic} also apply to part-time staff?",
            "When exactly does {topic} start?",
            "How do I sign up for {topic}?",
            "Is there a deadline for {topic}? I could not find one.",
            "Who is the contact person for {topic}?",
            "Can someone explain what {topic} means for the night shift?",
        ),
        "de": (
            "Gilt {topic} auch für Teilzeitkräfte?",
            "Wann genau geht es mit {topic} los?",
            "Wie melde ich mich für {topic} an?",
            "Gibt es eine Frist für {topic}? Ich habe keine gefunden.",
            "Wer ist Ansprechpartner für {topic}?",
            "Kann jemand erklären, was {topic} für die Nachtschicht bedeutet?",
        ),
        "nb": (
            "Gjelder {topic} også for deltidsansatte?",
            "Når starter egentlig {topic}?",
            "Hvordan melder jeg meg på {topic}?",
            "Er det en frist for {topic}? Jeg fant ingen.",
            "Hvem er kontaktperson for {topic}?",
            "Kan noen forklare hva {topic} betyr for nattskiftet?",
        ),
    },
    "mention": {
        "en": (
            "@{staff} could you have a look at this? We still have questions about {topic}.",
            "Maybe @{staff} knows more about {topic}?",
            "@{staff} is there an update on {topic}?",
        ),
        "de": (
            "@{staff} kannst du dir das mal ansehen? Über {topic} gibt es noch Fragen.",
            "Vielleicht weiß @{staff} mehr über {topic}?",
            "@{staff} gibt es schon etwas Neues zu {topic}?",
        ),
        "nb": (
            "@{staff} kan du se på dette? Vi lurer fortsatt på {topic}.",
            "Kanskje @{staff} vet mer om {topic}?",
            "@{staff} finnes det noe nytt om {topic}?",
        ),
    },
    "answer": {
        "en": (
            ("Good question, @{asker}! Yes, it applies to everyone. Details are <a "
             "href=\"{link}\">here</a>."),
            "Thanks for asking. It starts on the 1st of next month.",
            ("@{asker} you can sign up on the <a href=\"{link}\">form</a>. Let me know if it does "
             "not work."),
            "We are checking this and will come back to you by Friday.",
        ),
        "de": (
            ("Gute Frage, @{asker}! Ja, das gilt für alle. Details findest du <a "
             "href=\"{link}\">hier</a>."),
            "Danke für die Frage. Es geht am Ersten des nächsten Monats los.",
            ("@{asker} Anmeldung über das <a href=\"{link}\">Formular</a>. Melde dich, falls es "
             "nicht klappt."),
            "Wir klären das und melden uns bis Freitag.",
        ),
        "nb": (
            ("Godt spørsmål, @{asker}! Ja, det gjelder alle. Detaljer finner du <a "
             "href=\"{link}\">her</a>."),
            "Takk for spørsmålet. Det starter den første neste måned.",
            ("@{asker} du melder deg på via <a href=\"{link}\">skjemaet</a>. Si fra hvis det ikke "
             "virker."),
            "Vi sjekker dette og kommer tilbake til deg innen fredag.",
        ),
    },
    # A staff reply to feedback that asked nothing (a comment on the author's own post).
    "reply": {
        "en": (
            "Thanks for the feedback, @{asker}! I have passed it on to the project team.",
            "Good point, @{asker}. We will take it into the next round on {topic}.",
            "Thank you for sharing how it works in your team.",
            "Noted, @{asker} — we will update the page on {topic} this week.",
        ),
        "de": (
            "Danke für die Rückmeldung, @{asker}! Ich habe sie ans Projektteam weitergegeben.",
            "Guter Punkt, @{asker}. Das nehmen wir in die nächste Runde zu {topic} mit.",
            "Danke, dass du erzählst, wie es in deinem Team läuft.",
            "Notiert, @{asker} — wir aktualisieren die Seite zu {topic} diese Woche.",
        ),
        "nb": (
            "Takk for tilbakemeldingen, @{asker}! Jeg har sendt den videre til prosjektgruppen.",
            "Godt poeng, @{asker}. Vi tar det med i neste runde om {topic}.",
            "Takk for at du deler hvordan det fungerer hos dere.",
            "Notert, @{asker} — vi oppdaterer siden om {topic} denne uken.",
        ),
    },
    "thanks": {
        "en": ("Thanks!", "Thank you, that helps a lot.", "Thanks for the quick answer!"),
        "de": ("Danke!", "Danke, das hilft sehr.", "Vielen Dank für die schnelle Antwort!"),
        "nb": ("Takk!", "Tusen takk, det hjelper.", "Takk for raskt svar!"),
    },
    "idea": {
        "en": (
            "Idea: what if we combined {topic} with a short info session for new colleagues?",
            "Suggestion: could we get a checklist for {topic} on the intranet?",
            "It would be great to have {topic} in the mobile app as well.",
        ),
        "de": (
            ("Idee: Könnten wir {topic} mit einer kurzen Infoveranstaltung für neue Kollegen "
             "verbinden?"),
            "Vorschlag: eine Checkliste zu {topic} im Intranet wäre super.",
            "Es wäre toll, {topic} auch in der mobilen App zu haben.",
        ),
        "nb": (
            "Idé: hva om vi kombinerte {topic} med et kort infomøte for nye kolleger?",
            "Forslag: kan vi få en sjekkliste for {topic} på intranettet?",
            "Det hadde vært fint å ha {topic} i mobilappen også.",
        ),
    },
    "complaint": {
        "en": (
            "Honestly, {topic} has been a mess in our team for weeks.",
            "I am disappointed that nobody asked us before deciding on {topic}.",
            "The information about {topic} came far too late for us.",
        ),
        "de": (
            "Ehrlich gesagt ist {topic} bei uns seit Wochen ein Chaos.",
            "Schade, dass uns vor der Entscheidung über {topic} niemand gefragt hat.",
            "Die Infos zu {topic} kamen für uns viel zu spät.",
        ),
        "nb": (
            "Ærlig talt har {topic} vært et rot hos oss i flere uker.",
            "Skuffet over at ingen spurte oss før de bestemte {topic}.",
            "Informasjonen om {topic} kom altfor sent for oss.",
        ),
    },
    "praise": {
        "en": (
            "Great news about {topic}!",
            "Really looking forward to {topic}.",
            "Well done, everyone involved!",
        ),
        "de": (
            "Super Neuigkeiten zu {topic}!",
            "Ich freue mich sehr auf {topic}.",
            "Gut gemacht, alle zusammen!",
        ),
        "nb": (
            "Flotte nyheter om {topic}!",
            "Gleder meg til {topic}.",
            "Godt jobbet, alle sammen!",
        ),
    },
    "opinion": {
        "en": (
            "In our team {topic} works quite well so far.",
            "I think {topic} is a step in the right direction.",
            "We tried something similar last year; it took a while to settle in.",
        ),
        "de": (
            "Bei uns im Team läuft {topic} bisher ganz gut.",
            "Ich finde, {topic} geht in die richtige Richtung.",
            "Wir haben letztes Jahr etwas Ähnliches probiert, das hat gedauert.",
        ),
        "nb": (
            "Hos oss fungerer {topic} ganske bra så langt.",
            "Jeg synes {topic} er et steg i riktig retning.",
            "Vi prøvde noe lignende i fjor, det tok litt tid før det satt.",
        ),
    },
    "first_time": {
        "en": (
            ("First time commenting here. I just joined the team and wanted to say {topic} sounds "
             "great."),
        ),
        "de": ("Mein erster Kommentar hier, ich bin neu im Team und finde {topic} richtig gut.",),
        "nb": ("Første gang jeg kommenterer her. Ny i teamet, og {topic} høres bra ut.",),
    },
    "shouting": {
        "en": (
            "WHY DOES NOBODY READ THE EMAILS ABOUT THIS?!",
            "THIS IS THE THIRD TIME {TOPIC} CHANGES!!!",
        ),
        "de": ("WARUM LIEST NIEMAND DIE MAILS DAZU?!", "SCHON WIEDER ÄNDERT SICH {TOPIC}!!!"),
        "nb": ("HVORFOR LESER INGEN E-POSTENE OM DETTE?!", "TREDJE GANG {TOPIC} ENDRES!!!"),
    },
    "insult": {
        "en": (
            "Whoever planned {topic} is an idiot.",
            "What a stupid decision, typical management.",
        ),
        "de": (
            "Wer {topic} geplant hat, ist ein Idiot.",
            "So eine dumme Entscheidung, typisch Chefetage.",
        ),
        "nb": ("Den som planla {topic} er en idiot.", "For en dum avgjørelse, typisk ledelsen."),
    },
}

# Spam: several external http links.
SPAM_BODIES = (
    "Cheap watches and bags!!! {a} {b} {c}",
    "Make money from home, 5000 EUR per week: {a} {b}",
    "Billige Sonnenbrillen hier: {a} {b} {c}",
    "Tjen penger raskt! {a} {b}",
)
SPAM_HOSTS = (
    "http://cheap-watch-deals.example",
    "http://quick-money.example",
    "http://sunglass-outlet.example",
)

INTRANET = "https://intranet.example.com"

# Variation for a comment whose plain text already stands in its thread: a greeting before and
# a detail after (``{n}`` a small number), so no thread repeats a body word for word.
OPENERS = {
    "en": ("Hi all!", "Hello,", "Quick one:", "Morning!", "Hi,", "Same here:", "Agreed.",
           "From our side:"),
    "de": ("Hallo zusammen!", "Moin,", "Kurze Frage am Rande:", "Guten Morgen!", "Hallo,",
           "Geht mir genauso:", "Stimmt.", "Von unserer Seite:"),
    "nb": ("Hei alle sammen!", "Hei,", "Kjapt:", "God morgen!", "Hallo,", "Samme her:",
           "Enig.", "Fra vår side:"),
}
CLOSERS = {
    "en": ("We are {n} people in our team.", "Asking for the {n} of us on the late shift.",
           "This is the {n}th time it has come up on our floor.", "Room {n}0 says hi.",
           "Our team of {n} would appreciate it.", "Greetings from building {n}."),
    "de": ("Wir sind {n} Leute im Team.", "Ich frage für uns {n} aus der Spätschicht.",
           "Bei uns im Stock kam das schon {n}-mal auf.", "Grüße aus Raum {n}0.",
           "Unser Team mit {n} Leuten würde sich freuen.", "Grüße aus Gebäude {n}."),
    "nb": ("Vi er {n} personer på teamet.", "Jeg spør for oss {n} på kveldsskiftet.",
           "Dette har kommet opp {n} ganger i etasjen vår.", "Hilsen rom {n}0.",
           "Teamet vårt på {n} ville satt pris på det.", "Hilsen fra bygg {n}."),
}
