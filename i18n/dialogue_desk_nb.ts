<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name></name>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} t</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} dager</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>Snoozed for {age}</source>
        <translation>Utsatt i {age}</translation>
    </message>
    <message>
        <source>Follow-up promised to {author}</source>
        <translation>Oppfølging lovet til {author}</translation>
    </message>
    <message>
        <source>Held for approval for {age}</source>
        <translation>Venter på godkjenning i {age}</translation>
    </message>
    <message>
        <source>{n} times</source>
        <translation>{n} ganger</translation>
    </message>
    <message>
        <source>Flagged {times}: {why}</source>
        <translation>Rapportert {times}: {why}</translation>
    </message>
    <message>
        <source>Breaks the rules of engagement: {rules}</source>
        <translation>Bryter retningslinjene for dialog: {rules}</translation>
    </message>
    <message>
        <source>Mentions you (@{who}), unanswered for {age}</source>
        <translation>Nevner deg (@{who}), ubesvart i {age}</translation>
    </message>
    <message>
        <source>Question to the {role}, unanswered for {age}</source>
        <translation>Spørsmål til {role}, ubesvart i {age}</translation>
    </message>
    <message>
        <source>Question, unanswered for {age}</source>
        <translation>Spørsmål, ubesvart i {age}</translation>
    </message>
    <message>
        <source>On your post, unanswered for {age}</source>
        <translation>På innlegget ditt, ubesvart i {age}</translation>
    </message>
    <message>
        <source>First comment by {author} — nobody has reacted</source>
        <translation>Første kommentar fra {author} — ingen har reagert</translation>
    </message>
    <message>
        <source>An idea by {author} — nobody has reacted</source>
        <translation>En idé fra {author} — ingen har reagert</translation>
    </message>
    <message>
        <source>Nobody from the team has reacted to {author}</source>
        <translation>Ingen i teamet har reagert på {author}</translation>
    </message>
    <message>
        <source>once</source>
        <translation>én gang</translation>
    </message>
    <message>
        <source>twice</source>
        <translation>to ganger</translation>
    </message>
    <message>
        <source>insulting</source>
        <translation>fornærmende</translation>
    </message>
    <message>
        <source>spam</source>
        <translation>søppelpost</translation>
    </message>
    <message>
        <source>off-topic</source>
        <translation>utenfor tema</translation>
    </message>
    <message>
        <source>shouting</source>
        <translation>roping (store bokstaver)</translation>
    </message>
    <message>
        <source>insult</source>
        <translation>fornærmelse</translation>
    </message>
    <message>
        <source>links</source>
        <translation>for mange lenker</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>moderator</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>redaktør</translation>
    </message>
    <message>
        <source>ambassador</source>
        <translation>ambassadør</translation>
    </message>
    <message>
        <source>employee</source>
        <translation>medarbeider</translation>
    </message>
    <message>
        <source>published</source>
        <translation>publisert</translation>
    </message>
    <message>
        <source>held</source>
        <translation>holdt tilbake</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>skjult</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>slettet</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>venter</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Connect to your intranet</source>
        <translation>Koble til intranettet ditt</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontonavn</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Tilkobling</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Brukernavn</translation>
    </message>
    <message>
        <source>Token or application password</source>
        <translation>Token eller applikasjonspassord</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Navn:</translation>
    </message>
    <message>
        <source>&amp;Connector:</source>
        <translation>&amp;Tilkobling:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>A&amp;dresse:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Bruker:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Hemmelighet:</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Verify and save</source>
        <translation>&amp;Kontroller og lagre</translation>
    </message>
    <message>
        <source>Please fill in the address, the user and the secret.</source>
        <translation>Fyll inn adresse, bruker og hemmelighet.</translation>
    </message>
    <message>
        <source>Checking the account…</source>
        <translation>Kontrollerer kontoen …</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Svar</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Godkjenn</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>Sk&amp;jul</translation>
    </message>
    <message>
        <source>Mark as &amp;spam</source>
        <translation>Merk som &amp;søppel</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>S&amp;lett</translation>
    </message>
    <message>
        <source>Res&amp;tore</source>
        <translation>Gjen&amp;opprett</translation>
    </message>
    <message>
        <source>&amp;Like / thank</source>
        <translation>&amp;Lik / takk</translation>
    </message>
    <message>
        <source>Lock or unlock the &amp;thread</source>
        <translation>Lås eller lås opp &amp;tråden</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Merk som &amp;ferdig</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Utsett …</translation>
    </message>
    <message>
        <source>&amp;Follow up later</source>
        <translation>Følg &amp;opp senere</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Gjenå&amp;pne</translation>
    </message>
    <message>
        <source>&amp;Next item</source>
        <translation>&amp;Neste element</translation>
    </message>
    <message>
        <source>&amp;Previous item</source>
        <translation>&amp;Forrige element</translation>
    </message>
    <message>
        <source>Add the next item to the selection</source>
        <translation>Legg neste element til utvalget</translation>
    </message>
    <message>
        <source>Add the previous item to the selection</source>
        <translation>Legg forrige element til utvalget</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Søk</translation>
    </message>
    <message>
        <source>Sa&amp;ve this search</source>
        <translation>La&amp;gre dette søket</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynkroniser nå</translation>
    </message>
    <message>
        <source>Full &amp;check</source>
        <translation>Full &amp;kontroll</translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation>&amp;Utboks …</translation>
    </message>
    <message>
        <source>&amp;Add an account…</source>
        <translation>&amp;Legg til konto …</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Hurtigtaster</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Innstillinger…</translation>
    </message>
    <message>
        <source>Lane: Reply</source>
        <translation>Kø: Svar</translation>
    </message>
    <message>
        <source>Lane: Moderate</source>
        <translation>Kø: Moderer</translation>
    </message>
    <message>
        <source>Lane: Acknowledge</source>
        <translation>Kø: Anerkjenn</translation>
    </message>
    <message>
        <source>Lane: Done</source>
        <translation>Kø: Ferdig</translation>
    </message>
    <message>
        <source>Lane: Snoozed</source>
        <translation>Kø: Utsatt</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Svar</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Svartekst</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter sends, @ mentions someone)</source>
        <translation>Skriv et svar … (Ctrl+Enter sender, @ nevner noen)</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Send svar</translation>
    </message>
    <message>
        <source>Send reply (Ctrl+Enter)</source>
        <translation>Send svar (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>The local cache was damaged; it is being rebuilt from the server. Your outbox and drafts are safe.</source>
        <translation>Den lokale hurtigbufferen var skadet; den bygges opp på nytt fra serveren. Utboksen og utkastene dine er trygge.</translation>
    </message>
    <message>
        <source>The demo could not be started</source>
        <translation>Demoen kunne ikke startes</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message numerus="yes">
        <source>%n new or changed records</source>
        <translation>
            <numerusform>%n ny eller endret post</numerusform>
            <numerusform>%n nye eller endrede poster</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Frakoblet: %1</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Angret</translation>
    </message>
    <message>
        <source>Too late to undo: the action was already sent</source>
        <translation>For sent å angre: handlingen er allerede sendt</translation>
    </message>
    <message>
        <source>This action cannot be sent again</source>
        <translation>Denne handlingen kan ikke sendes på nytt</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Connection</source>
        <translation>Tilkobling</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Siste synkronisering</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Synkroniseringsfremdrift</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Utboks</translation>
    </message>
    <message>
        <source>Open the outbox</source>
        <translation>Åpne utboksen</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ikke synkronisert ennå</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Tilkoblet</translation>
    </message>
    <message>
        <source>Offline — your actions wait in the outbox</source>
        <translation>Frakoblet — handlingene dine venter i utboksen</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 venter</translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation>%1 ukjent</translation>
    </message>
    <message>
        <source>%1 in conflict</source>
        <translation>%1 i konflikt</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 mislyktes</translation>
    </message>
    <message>
        <source>Synced %1 ago</source>
        <translation>Synkronisert for %1 siden</translation>
    </message>
</context>
<context>
    <name>EditReplyDialog</name>
    <message>
        <source>Edit reply</source>
        <translation>Rediger svaret</translation>
    </message>
    <message>
        <source>&amp;Reply text:</source>
        <translation>&amp;Svartekst:</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Svartekst</translation>
    </message>
    <message>
        <source>&amp;Send again</source>
        <translation>&amp;Send på nytt</translation>
    </message>
    <message>
        <source>Send again (Ctrl+Enter)</source>
        <translation>Send på nytt (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <source>Something went wrong inside Dialogue Desk. Your work is saved; the details are in %1.</source>
        <translation>Noe gikk galt i Dialogue Desk. Arbeidet ditt er lagret; detaljene står i %1.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dialogue Desk</source>
        <translation>Dialogue Desk</translation>
    </message>
    <message>
        <source>Search (/)</source>
        <translation>Søk (/)</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Søk i køen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Handlinger</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Your account may not do this here</source>
        <translation>Kontoen din har ikke lov til dette her</translation>
    </message>
    <message>
        <source>Nothing here matches your search</source>
        <translation>Ingenting her passer til søket ditt</translation>
    </message>
    <message>
        <source>Nothing waits for a reply — well done</source>
        <translation>Ingenting venter på svar — godt jobbet</translation>
    </message>
    <message>
        <source>Nothing to moderate — all calm</source>
        <translation>Ingenting å moderere — alt er rolig</translation>
    </message>
    <message>
        <source>Everyone has been seen — nice work</source>
        <translation>Alle er sett — fint arbeid</translation>
    </message>
    <message>
        <source>Nothing done yet today</source>
        <translation>Ingenting ferdig i dag ennå</translation>
    </message>
    <message>
        <source>Nothing snoozed</source>
        <translation>Ingenting utsatt</translation>
    </message>
    <message>
        <source>No follow-ups promised</source>
        <translation>Ingen oppfølging lovet</translation>
    </message>
    <message>
        <source>Un&amp;lock thread</source>
        <translation>Lås &amp;opp tråden</translation>
    </message>
    <message>
        <source>&amp;Lock thread</source>
        <translation>&amp;Lås tråden</translation>
    </message>
    <message>
        <source>Your account may not lock threads here</source>
        <translation>Kontoen din kan ikke låse tråder her</translation>
    </message>
    <message>
        <source>Start the demo with: dialogue-desk --demo</source>
        <translation>Start demoen med: dialogue-desk --demo</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Outbox</source>
        <translation>Utboks</translation>
    </message>
    <message>
        <source>Actions in the outbox</source>
        <translation>Handlinger i utboksen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alder</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>The outbox is empty: everything you did has arrived.</source>
        <translation>Utboksen er tom: alt du har gjort, har kommet frem.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Prøv igjen</translation>
    </message>
    <message>
        <source>&amp;Edit reply…</source>
        <translation>&amp;Rediger svaret …</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Forkast</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>venter</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>sendes</translation>
    </message>
    <message>
        <source>unknown — will check</source>
        <translation>ukjent — blir kontrollert</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>konflikt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislyktes</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <source>h</source>
        <translation>t</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Settings for</source>
        <translation>Innstillinger for</translation>
    </message>
    <message>
        <source>Every account</source>
        <translation>Alle kontoer</translation>
    </message>
    <message>
        <source>{account} › {area}</source>
        <translation>{account} › {area}</translation>
    </message>
    <message>
        <source>Settings &amp;for:</source>
        <translation>Innstillinger &amp;for:</translation>
    </message>
    <message>
        <source>Groups of settings</source>
        <translation>Grupper av innstillinger</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Gjelder etter en omstart.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Bruk</translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation>&amp;Gjenopprett standard</translation>
    </message>
    <message>
        <source>The same for every account: choose “Every account” above to change it.</source>
        <translation>Lik for alle kontoer: velg «Alle kontoer» øverst for å endre den.</translation>
    </message>
    <message>
        <source>The same for every area: choose the account above to change it.</source>
        <translation>Lik for alle områder: velg kontoen øverst for å endre den.</translation>
    </message>
    <message>
        <source>Saved. Language and theme take effect after a restart.</source>
        <translation>Lagret. Språk og fargetema gjelder etter en omstart.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>pending</source>
        <translation>venter</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Forfalt</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queue</source>
        <translation>Kø</translation>
    </message>
</context>
<context>
    <name>SafeBrowser</name>
    <message>
        <source>Comment text</source>
        <translation>Kommentartekst</translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[bilde]</translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation>[bilde: %1]</translation>
    </message>
    <message>
        <source>This comment is too long to show in full.</source>
        <translation>Denne kommentaren er for lang til å vises i sin helhet.</translation>
    </message>
    <message>
        <source>Opens %1</source>
        <translation>Åpner %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>General</source>
        <translation>Generelt</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>Reply deadlines</source>
        <translation>Svarfrister</translation>
    </message>
    <message>
        <source>Rules of engagement</source>
        <translation>Kjøreregler</translation>
    </message>
    <message>
        <source>Rules of engagement: English</source>
        <translation>Kjøreregler: engelsk</translation>
    </message>
    <message>
        <source>Rules of engagement: German</source>
        <translation>Kjøreregler: tysk</translation>
    </message>
    <message>
        <source>Rules of engagement: Norwegian</source>
        <translation>Kjøreregler: norsk</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number of seconds</source>
        <translation>«{value}» er ikke et antall sekunder</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number</source>
        <translation>«{value}» er ikke et heltall</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not one of {choices}</source>
        <translation>«{value}» er ikke en av {choices}</translation>
    </message>
    <message>
        <source>a list of words is expected</source>
        <translation>en liste med ord ventes</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a word or phrase (letters, spaces, hyphens; a * at the end matches any ending)</source>
        <translation>«{value}» er ikke et ord eller uttrykk (bokstaver, mellomrom, bindestrek; en * til slutt passer til enhver endelse)</translation>
    </message>
    <message>
        <source>{value} is outside {minimum}–{maximum}</source>
        <translation>{value} er utenfor {minimum}–{maximum}</translation>
    </message>
    <message>
        <source>&amp;Insulting words</source>
        <translation>&amp;Fornærmende ord</translation>
    </message>
    <message>
        <source>A comment in this language with one of these words or phrases goes to Moderate. One per line; a * at the end matches any ending.</source>
        <translation>En kommentar på dette språket med ett av disse ordene eller uttrykkene havner i Moderer. Ett per linje; en * til slutt passer til enhver endelse.</translation>
    </message>
    <message>
        <source>Shouting: at &amp;least this many letters</source>
        <translation>Roping: &amp;minst så mange bokstaver</translation>
    </message>
    <message>
        <source>Shorter comments in capitals (&quot;OK!&quot;) are not shouting.</source>
        <translation>Kortere kommentarer med store bokstaver («OK!») er ikke roping.</translation>
    </message>
    <message>
        <source>Shouting: share of &amp;capital letters (%)</source>
        <translation>Roping: andel &amp;store bokstaver (%)</translation>
    </message>
    <message>
        <source>A comment with at least this share of capital letters is shouting.</source>
        <translation>En kommentar med minst denne andelen store bokstaver er roping.</translation>
    </message>
    <message>
        <source>Most lin&amp;ks in a comment</source>
        <translation>Flest &amp;lenker i en kommentar</translation>
    </message>
    <message>
        <source>A comment with more links goes to Moderate (link spam).</source>
        <translation>En kommentar med flere lenker havner i Moderer (lenkespam).</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelsk</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Tysk</translation>
    </message>
    <message>
        <source>Norwegian (Bokmål)</source>
        <translation>Norsk (bokmål)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>The language of the desk. --lang on the command line overrides it and is saved.</source>
        <translation>Språket i Desk. --lang på kommandolinjen går foran og blir lagret.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>Farge&amp;tema</translation>
    </message>
    <message>
        <source>Light or dark colours. --style-dark and DIALOGUE_DESK_DARK=1 override it for one run.</source>
        <translation>Lyse eller mørke farger. --style-dark og DIALOGUE_DESK_DARK=1 går foran for én kjøring.</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Lyst</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mørkt</translation>
    </message>
    <message>
        <source>&amp;Sync every</source>
        <translation>&amp;Synkroniser hvert</translation>
    </message>
    <message>
        <source>How often the desk fetches what is new while it is open. 0 syncs only when you ask (F5).</source>
        <translation>Hvor ofte Desk henter det som er nytt mens den er åpen. 0 synkroniserer bare når du ber om det (F5).</translation>
    </message>
    <message>
        <source>&amp;WordPress: re-read every comment every</source>
        <translation>&amp;WordPress: les alle kommentarer på nytt hver</translation>
    </message>
    <message>
        <source>Every sync finds new, moderated and deleted comments by their counts; only re-reading every comment finds an edit of an old one. Shift+F5 does it at once.</source>
        <translation>Hver synkronisering finner nye, modererte og slettede kommentarer ut fra antallene; bare å lese alle kommentarene på nytt finner en endring i en gammel. Shift+F5 gjør det med en gang.</translation>
    </message>
    <message>
        <source>The reply target for a question; the Reply lane is ordered by the time left.</source>
        <translation>Svarfristen for et spørsmål; Svar-køen er ordnet etter tiden som er igjen.</translation>
    </message>
    <message>
        <source>The reply target when someone mentions you.</source>
        <translation>Svarfristen når noen nevner deg.</translation>
    </message>
    <message>
        <source>The reply target for a comment on a post of yours.</source>
        <translation>Svarfristen for en kommentar til et innlegg av deg.</translation>
    </message>
    <message>
        <source>Answer a &amp;question within</source>
        <translation>Svar på et &amp;spørsmål innen</translation>
    </message>
    <message>
        <source>Answer a &amp;mention within</source>
        <translation>Svar på en &amp;omtale innen</translation>
    </message>
    <message>
        <source>Answer on your &amp;own post within</source>
        <translation>Svar på ditt &amp;eget innlegg innen</translation>
    </message>
    <message>
        <source>&amp;Comments are written in</source>
        <translation>&amp;Kommentarene er skrevet på</translation>
    </message>
    <message>
        <source>Used when a comment&apos;s own words do not tell its language. Automatic: every language&apos;s rules apply to it.</source>
        <translation>Brukes når ordene i en kommentar ikke viser språket. Automatisk: reglene for alle språk gjelder.</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisk</translation>
    </message>
    <message>
        <source>no such setting (see &apos;dialogue-desk config list&apos;)</source>
        <translation>ingen slik innstilling (se «dialogue-desk config list»)</translation>
    </message>
    <message>
        <source>an area belongs to an account: name the account too</source>
        <translation>et område hører til en konto: oppgi kontoen også</translation>
    </message>
    <message>
        <source>this setting is the same for every account and area</source>
        <translation>denne innstillingen er lik for alle kontoer og områder</translation>
    </message>
    <message>
        <source>this setting is the same for every area of an account</source>
        <translation>denne innstillingen er lik for alle områdene i en konto</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Hurtigtaster</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tast</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Gjør</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Lanes, accounts and saved searches</source>
        <translation>Køer, kontoer og lagrede søk</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Moderer</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Anerkjenn</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Oppfølging</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Utsatt</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Fjernet</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Køer</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Kontoer</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Lagrede søk</translation>
    </message>
    <message>
        <source>%1: %2 items</source>
        <translation>%1: %2 elementer</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle kontoer</translation>
    </message>
    <message>
        <source>My area: </source>
        <translation>Mitt område: </translation>
    </message>
</context>
<context>
    <name>SnoozeMenu</name>
    <message>
        <source>Snooze until</source>
        <translation>Utsett til</translation>
    </message>
    <message>
        <source>&amp;Tomorrow morning</source>
        <translation>&amp;I morgen tidlig</translation>
    </message>
    <message>
        <source>&amp;Next week</source>
        <translation>&amp;Neste uke</translation>
    </message>
    <message>
        <source>&amp;Pick a date…</source>
        <translation>&amp;Velg en dato …</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Post title</source>
        <translation>Innleggets tittel</translation>
    </message>
    <message>
        <source>About the author</source>
        <translation>Om forfatteren</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Tråd</translation>
    </message>
    <message>
        <source>Pick an item to see its thread</source>
        <translation>Velg et element for å se tråden</translation>
    </message>
    <message>
        <source>This item is not in the cache any more</source>
        <translation>Dette elementet er ikke lenger i hurtigbufferen</translation>
    </message>
    <message>
        <source>(untitled post)</source>
        <translation>(innlegg uten tittel)</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>låst</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>venter</translation>
    </message>
    <message numerus="yes">
        <source>%n likes</source>
        <translation>
            <numerusform>%n liker</numerusform>
            <numerusform>%n liker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flags</source>
        <translation>
            <numerusform>%n rapport</numerusform>
            <numerusform>%n rapporter</numerusform>
        </translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[bilde]</translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation>[bilde: %1]</translation>
    </message>
    <message>
        <source>First-time contributor</source>
        <translation>Skriver for første gang</translation>
    </message>
    <message>
        <source>%1 comments</source>
        <translation>%1 kommentarer</translation>
    </message>
    <message numerus="yes">
        <source>flagged %n times</source>
        <translation>
            <numerusform>rapportert %n gang</numerusform>
            <numerusform>rapportert %n ganger</numerusform>
        </translation>
    </message>
    <message>
        <source>here for %1</source>
        <translation>her i %1</translation>
    </message>
    <message>
        <source>Author: </source>
        <translation>Forfatter: </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Dialogue Desk</source>
        <translation>Velkommen til Dialogue Desk</translation>
    </message>
    <message>
        <source>Dialogue Desk gathers the comments on your intranet that need a reply, moderation or a thank-you into one queue you can clear with the keyboard, online or offline.</source>
        <translation>Dialogue Desk samler kommentarene på intranettet ditt som trenger svar, moderering eller en takk, i én kø du kan tømme med tastaturet — på nett eller frakoblet.</translation>
    </message>
    <message>
        <source>Try the &amp;demo intranet</source>
        <translation>Prøv &amp;demo-intranettet</translation>
    </message>
    <message>
        <source>Try the demo intranet</source>
        <translation>Prøv demo-intranettet</translation>
    </message>
    <message>
        <source>&amp;Connect to your intranet…</source>
        <translation>&amp;Koble til intranettet ditt …</translation>
    </message>
    <message>
        <source>Connect to your intranet</source>
        <translation>Koble til intranettet ditt</translation>
    </message>
</context>
</TS>
