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
        <source>Promised by {who} {age} ago, due {late} ago</source>
        <translation>Lovet av {who} for {age} siden, forfalt for {late} siden</translation>
    </message>
    <message>
        <source>Promised by {who} {age} ago, due in {left}</source>
        <translation>Lovet av {who} for {age} siden, forfaller om {left}</translation>
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
        <source>Heated: {replies} replies in {minutes} min, {flagged} flagged — consider locking the thread</source>
        <translation>Opphetet: {replies} svar på {minutes} min, {flagged} rapportert — vurder å låse tråden</translation>
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
    <message>
        <source>Already answered by {who} {age} ago</source>
        <translation>Allerede besvart av {who} for {age} siden</translation>
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
        <source>{n} more in {lane}</source>
        <translation>{n} til i {lane}</translation>
    </message>
    <message>
        <source>{n} in {lane}</source>
        <translation>{n} i {lane}</translation>
    </message>
    <message>
        <source>Moderation spike</source>
        <translation>Mye å moderere</translation>
    </message>
    <message>
        <source>{n} new items to moderate</source>
        <translation>{n} nye saker å moderere</translation>
    </message>
    <message>
        <source>Dialogue Desk</source>
        <translation>Dialogue Desk</translation>
    </message>
    <message>
        <source>Your digest</source>
        <translation>Ditt sammendrag</translation>
    </message>
    <message>
        <source>{author} on “{post}”</source>
        <translation>{author} om «{post}»</translation>
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
        <source>Re&amp;move account…</source>
        <translation>Fjern &amp;konto …</translation>
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
        <source>Saved re&amp;plies…</source>
        <translation>Lagrede &amp;svar…</translation>
    </message>
    <message>
        <source>&amp;Digest…</source>
        <translation>Samme&amp;ndrag…</translation>
    </message>
    <message>
        <source>Das&amp;hboard…</source>
        <translation>Opp&amp;summering…</translation>
    </message>
    <message>
        <source>My &amp;patch…</source>
        <translation>Mitt &amp;område…</translation>
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
        <source>Lane: Follow-up</source>
        <translation>Kø: Oppfølging</translation>
    </message>
    <message>
        <source>Removed: hidden, spam and deleted</source>
        <translation>Fjernet: skjult, søppel og slettet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
</context>
<context>
    <name>CoachingLine</name>
    <message>
        <source>D&amp;ismiss hint</source>
        <translation>Sk&amp;jul tipset</translation>
    </message>
    <message>
        <source>Dismiss hint</source>
        <translation>Skjul tipset</translation>
    </message>
    <message>
        <source>Tip: @mention %1 so they see your answer.</source>
        <translation>Tips: @nevn %1 så de ser svaret.</translation>
    </message>
    <message>
        <source>Tip: end with a question to hear more about the idea.</source>
        <translation>Tips: avslutt med et spørsmål for å høre mer om ideen.</translation>
    </message>
    <message numerus="yes">
        <source>Tip: %n words; replies under about 120 words are read more.</source>
        <translation>
            <numerusform>Tips: %n ord; svar under omtrent 120 ord blir lest mer.</numerusform>
            <numerusform>Tips: %n ord; svar under omtrent 120 ord blir lest mer.</numerusform>
        </translation>
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
        <source>Write a reply… (Ctrl+Enter sends, @ mentions someone, Ctrl+Space inserts a saved reply)</source>
        <translation>Skriv et svar … (Ctrl+Enter sender, @ nevner noen, Ctrl+Mellomrom setter inn et lagret svar)</translation>
    </message>
    <message>
        <source>Answered meanwhile</source>
        <translation>Besvart i mellomtiden</translation>
    </message>
    <message>
        <source>%1 answered %2 ago</source>
        <translation>%1 svarte for %2 siden</translation>
    </message>
    <message>
        <source>Someone else is replying</source>
        <translation>Noen andre svarer</translation>
    </message>
    <message>
        <source>%1 is replying — your answer may cross theirs</source>
        <translation>%1 svarer nå – svaret ditt kan krysse deres</translation>
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
    <name>ComposerEdit</name>
    <message>
        <source>People to mention</source>
        <translation>Personer å nevne</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Week</source>
        <translation>Uke</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Dashboard</source>
        <translation>Oppsummering</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alle områder</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Område</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Siste %n dag</numerusform>
            <numerusform>Siste %n dager</numerusform>
        </translation>
    </message>
    <message>
        <source>Chosen range</source>
        <translation>Valgt periode</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periode</translation>
    </message>
    <message>
        <source>From (included)</source>
        <translation>Fra (inkludert)</translation>
    </message>
    <message>
        <source>Until (included)</source>
        <translation>Til (inkludert)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Fra</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>Show as &amp;tables</source>
        <translation>Vis som t&amp;abeller</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Eksporter &amp;CSV…</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>Eksporter P&amp;NG…</translation>
    </message>
    <message>
        <source>Comments per week</source>
        <translation>Kommentarer per uke</translation>
    </message>
    <message>
        <source>First reply (hours)</source>
        <translation>Første svar (timer)</translation>
    </message>
    <message>
        <source>Acknowledged (%)</source>
        <translation>Anerkjent (%)</translation>
    </message>
    <message>
        <source>Unanswered input</source>
        <translation>Ubesvarte innspill</translation>
    </message>
    <message>
        <source>First-time contributors</source>
        <translation>Førstegangsbidragsytere</translation>
    </message>
    <message>
        <source>Leaders&apos; activity</source>
        <translation>Ledernes aktivitet</translation>
    </message>
    <message>
        <source>All figures</source>
        <translation>Alle tall</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Tall</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <source>Top posts</source>
        <translation>Mest diskuterte innlegg</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Innlegg</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Kommentarer</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Visninger</translation>
    </message>
    <message>
        <source>Top contributors</source>
        <translation>Mest aktive bidragsytere</translation>
    </message>
    <message>
        <source>Contributor</source>
        <translation>Bidragsyter</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Beregner tallene…</translation>
    </message>
    <message>
        <source>The figures could not be read: %1</source>
        <translation>Tallene kunne ikke leses: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (UTC), %3: %n comment(s)</source>
        <translation>
            <numerusform>%1 – %2 (UTC), %3: %n kommentar</numerusform>
            <numerusform>%1 – %2 (UTC), %3: %n kommentarer</numerusform>
        </translation>
    </message>
    <message>
        <source>all areas</source>
        <translation>alle områder</translation>
    </message>
    <message>
        <source>First reply (median)</source>
        <translation>Første svar (median)</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Anerkjent</translation>
    </message>
    <message>
        <source>First reply, median</source>
        <translation>Første svar, median</translation>
    </message>
    <message>
        <source>First reply, 90 %</source>
        <translation>Første svar, 90 %</translation>
    </message>
    <message>
        <source>Oldest unanswered</source>
        <translation>Eldste ubesvarte</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>Fulgt opp</translation>
    </message>
    <message>
        <source>… who came back</source>
        <translation>… som kom tilbake</translation>
    </message>
    <message>
        <source>Leaders&apos; posts</source>
        <translation>Innlegg fra ledere</translation>
    </message>
    <message>
        <source>Leaders&apos; replies</source>
        <translation>Svar fra ledere</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>90 %</source>
        <translation>90 %</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>Kom tilbake</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Innlegg</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Eksporter CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>Eksporter PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Kunne ikke skrive %1: %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Eksportert til %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Kunne ikke skrive %1</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>Open in the desk</source>
        <translation>Åpne i desken</translation>
    </message>
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
    <message>
        <source>Removed the account %1</source>
        <translation>Fjernet kontoen %1</translation>
    </message>
    <message>
        <source>No account called %1</source>
        <translation>Ingen konto med navnet %1</translation>
    </message>
</context>
<context>
    <name>DeskDialogs</name>
    <message>
        <source>&amp;Remove account “%1”…</source>
        <translation>&amp;Fjern kontoen «%1» …</translation>
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
        <source>%1: live updates are unavailable; checking for news at intervals instead</source>
        <translation>%1: direkteoppdatering er ikke tilgjengelig; ser etter nytt med jevne mellomrom i stedet</translation>
    </message>
    <message>
        <source>%1: live updates again</source>
        <translation>%1: direkteoppdatering igjen</translation>
    </message>
    <message>
        <source>Checking at intervals: %1</source>
        <translation>Sjekkes med jevne mellomrom: %1</translation>
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
    <name>DeskTray</name>
    <message>
        <source>Show the desk</source>
        <translation>Vis desken</translation>
    </message>
    <message>
        <source>Digest…</source>
        <translation>Sammendrag…</translation>
    </message>
    <message numerus="yes">
        <source>Dialogue Desk: %n open</source>
        <translation>
            <numerusform>Dialogue Desk: %n åpen</numerusform>
            <numerusform>Dialogue Desk: %n åpne</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message>
        <source>Digest</source>
        <translation>Sammendrag</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Oversikt</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) came in since the last digest</source>
        <translation>
            <numerusform>%n sak har kommet siden forrige sammendrag</numerusform>
            <numerusform>%n saker har kommet siden forrige sammendrag</numerusform>
        </translation>
    </message>
    <message>
        <source>Items since the last digest</source>
        <translation>Saker siden forrige sammendrag</translation>
    </message>
    <message>
        <source>&amp;Open in the desk</source>
        <translation>Å&amp;pne i desken</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
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
        <source>That item is no longer in the queue</source>
        <translation>Denne saken er ikke lenger i køen</translation>
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
        <source>Nothing removed: hidden, spam and deleted comments show here, to be restored</source>
        <translation>Ingenting fjernet: skjulte, søppelmerkede og slettede kommentarer vises her, så de kan gjenopprettes</translation>
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
        <source>This computer has no desktop notification service: the desk works without, the digest keeps what came in.</source>
        <translation>Denne maskinen har ingen varslingstjeneste: desken virker uten, sammendraget tar vare på det som kom inn.</translation>
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
    <message>
        <source>held: already answered</source>
        <translation>holdt tilbake: allerede besvart</translation>
    </message>
    <message>
        <source>&amp;Send anyway</source>
        <translation>&amp;Send likevel</translation>
    </message>
</context>
<context>
    <name>PatchDialog</name>
    <message>
        <source>My patch</source>
        <translation>Mitt område</translation>
    </message>
    <message>
        <source>Reading the cache…</source>
        <translation>Leser hurtigbufferen…</translation>
    </message>
    <message>
        <source>Gone quiet</source>
        <translation>Stilnet</translation>
    </message>
    <message>
        <source>No comment after 3 days</source>
        <translation>Ingen kommentar etter 3 dager</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Denne uken</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <source>&amp;Gone quiet (Enter opens the thread)</source>
        <translation>&amp;Stilnet (Enter åpner tråden)</translation>
    </message>
    <message>
        <source>&amp;No comment after 3 days</source>
        <translation>&amp;Ingen kommentar etter 3 dager</translation>
    </message>
    <message>
        <source>&amp;This week</source>
        <translation>&amp;Denne uken</translation>
    </message>
    <message>
        <source>The patch could not be read: %1</source>
        <translation>Området kunne ikke leses: %1</translation>
    </message>
    <message>
        <source>Your areas: %1</source>
        <translation>Dine områder: %1</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alle områder</translation>
    </message>
    <message>
        <source>an open question</source>
        <translation>et åpent spørsmål</translation>
    </message>
    <message numerus="yes">
        <source>a discussion, %n comment(s)</source>
        <translation>
            <numerusform>en diskusjon, %n kommentar</numerusform>
            <numerusform>en diskusjon, %n kommentarer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · quiet since %3</source>
        <translation>%1 · %2 · stille siden %3</translation>
    </message>
    <message>
        <source>Nothing has gone quiet.</source>
        <translation>Ingenting har stilnet.</translation>
    </message>
    <message>
        <source>Ask a question at the end of the post</source>
        <translation>Still et spørsmål på slutten av innlegget</translation>
    </message>
    <message>
        <source>@mention someone who knows the answer</source>
        <translation>@nevn noen som vet svaret</translation>
    </message>
    <message>
        <source>%1 · posted %2 · %3</source>
        <translation>%1 · publisert %2 · %3</translation>
    </message>
    <message>
        <source>Every recent post has comments.</source>
        <translation>Alle nye innlegg har kommentarer.</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s) came in</source>
        <translation>
            <numerusform>%n kommentar kom inn</numerusform>
            <numerusform>%n kommentarer kom inn</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 new comments answered by the team</source>
        <translation>%1 av %2 nye kommentarer besvart av teamet</translation>
    </message>
    <message numerus="yes">
        <source>%n new contributor(s)</source>
        <translation>
            <numerusform>%n ny bidragsyter</numerusform>
            <numerusform>%n nye bidragsytere</numerusform>
        </translation>
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
        <source>Hidden</source>
        <translation>Skjult</translation>
    </message>
    <message>
        <source>Marked as spam</source>
        <translation>Merket som søppel</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
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
    <name>QueueModel</name>
    <message>
        <source>Someone</source>
        <translation>Noen</translation>
    </message>
    <message>
        <source>%1 is replying</source>
        <translation>%1 svarer</translation>
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
    <name>RemoveAccountDialog</name>
    <message>
        <source>Remove account</source>
        <translation>Fjern konto</translation>
    </message>
    <message>
        <source>Account to remove</source>
        <translation>Konto som skal fjernes</translation>
    </message>
    <message>
        <source>&amp;Remove account</source>
        <translation>&amp;Fjern konto</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Removed from this computer: the posts, comments and people cached for “%1”, its marks (done, snoozed, follow-up), its drafts and its saved secret. Nothing changes on the server; adding the account again fetches the cache anew.</source>
        <translation>Fjernes fra denne maskinen: innleggene, kommentarene og personene som er mellomlagret for «%1», merkene (ferdig, utsatt, oppfølging), utkastene og den lagrede hemmeligheten. Ingenting endres på serveren; legger du til kontoen igjen, hentes mellomlageret på nytt.</translation>
    </message>
    <message numerus="yes">
        <source>%n actions of this account not yet sent will be discarded: they will never reach the server.</source>
        <translation>
            <numerusform>%n handling fra denne kontoen som ikke er sendt, forkastes: den når aldri serveren.</numerusform>
            <numerusform>%n handlinger fra denne kontoen som ikke er sendt, forkastes: de når aldri serveren.</numerusform>
        </translation>
    </message>
    <message>
        <source>No action of this account waits to be sent.</source>
        <translation>Ingen handlinger fra denne kontoen venter på å bli sendt.</translation>
    </message>
    <message>
        <source>Other accounts&apos; actions stay queued.</source>
        <translation>Handlinger fra andre kontoer blir stående i køen.</translation>
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
        <source>Notifications</source>
        <translation>Varsler</translation>
    </message>
    <message>
        <source>Heated threads</source>
        <translation>Opphetede tråder</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Oppfølging</translation>
    </message>
    <message>
        <source>Insight</source>
        <translation>Innsikt</translation>
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
        <source>&apos;{value}&apos; is not a user name</source>
        <translation>&apos;{value}&apos; er ikke et brukernavn</translation>
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
        <source>a list of patterns is expected</source>
        <translation>en liste med mønstre forventes</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid pattern: {error}</source>
        <translation>«{value}» er ikke et gyldig mønster: {error}</translation>
    </message>
    <message>
        <source>Keep a &amp;promise within</source>
        <translation>Hold et &amp;løfte innen</translation>
    </message>
    <message>
        <source>A staff reply that promises an outcome puts its thread into Follow-up, due after this time.</source>
        <translation>Et svar fra teamet som lover et resultat, legger tråden i Oppfølging, med frist etter denne tiden.</translation>
    </message>
    <message>
        <source>Regular expressions, one per line, matched case-insensitively in staff replies: a match is a promise.</source>
        <translation>Regulære uttrykk, ett per linje, søkt uten hensyn til store og små bokstaver i svar fra teamet: et treff er et løfte.</translation>
    </message>
    <message>
        <source>Promises in &amp;English</source>
        <translation>Løfter på &amp;engelsk</translation>
    </message>
    <message>
        <source>Promises in &amp;German</source>
        <translation>Løfter på &amp;tysk</translation>
    </message>
    <message>
        <source>Promises in &amp;Norwegian</source>
        <translation>Løfter på &amp;norsk</translation>
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
        <source>&amp;Leaders</source>
        <translation>&amp;Ledere</translation>
    </message>
    <message>
        <source>User names of the managers whose posts and replies the report counts, one per line. For platforms that do not mark leaders themselves (WordPress).</source>
        <translation>Brukernavnene til lederne som rapporten teller innlegg og svar fra, ett per linje. For plattformer som ikke selv merker ledere (WordPress).</translation>
    </message>
    <message>
        <source>&amp;Notify me of</source>
        <translation>&amp;Varsle meg om</translation>
    </message>
    <message>
        <source>What shows as a desktop notification. Deadlines of your own posts, moderation spikes and heated threads notify unless this is off.</source>
        <translation>Hva som vises som skrivebordsvarsel. Frister på dine egne innlegg, mye å moderere og opphetede tråder varsles med mindre dette er av.</translation>
    </message>
    <message>
        <source>Everything new</source>
        <translation>Alt nytt</translation>
    </message>
    <message>
        <source>Mentions and questions to me</source>
        <translation>Omtaler og spørsmål til meg</translation>
    </message>
    <message>
        <source>Digest only</source>
        <translation>Bare sammendrag</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Ingenting</translation>
    </message>
    <message>
        <source>At &amp;most this many notifications an hour</source>
        <translation>&amp;Høyst så mange varsler i timen</translation>
    </message>
    <message>
        <source>What does not fit is folded into one summary (&quot;12 more in Reply, 3 in Moderate&quot;).</source>
        <translation>Det som ikke får plass, samles i ett sammendrag («12 til i Svar, 3 i Moderer»).</translation>
    </message>
    <message>
        <source>&amp;Quiet from (hour)</source>
        <translation>&amp;Stille fra (time)</translation>
    </message>
    <message>
        <source>From this hour nothing is shown; what comes in is folded into the next summary. The same hour as the end: no quiet hours.</source>
        <translation>Fra denne timen vises ingenting; det som kommer inn, samles i neste sammendrag. Samme time som slutten: ingen stilletid.</translation>
    </message>
    <message>
        <source>Quiet &amp;until (hour)</source>
        <translation>Stille &amp;til (time)</translation>
    </message>
    <message>
        <source>The hour the quiet hours end.</source>
        <translation>Timen da stilletiden slutter.</translation>
    </message>
    <message>
        <source>&amp;Digest at (hour)</source>
        <translation>Samme&amp;ndrag klokken (time)</translation>
    </message>
    <message>
        <source>One summary of what came in since the last one, at this hour. -1: no digest notification (the Digest view keeps the list).</source>
        <translation>Ett sammendrag av det som kom inn siden sist, denne timen. -1: ikke noe varsel (sammendraget i desken beholder listen).</translation>
    </message>
    <message>
        <source>Moderation &amp;spike: this many at once</source>
        <translation>Mye å &amp;moderere: så mange på en gang</translation>
    </message>
    <message>
        <source>So many new items in Moderate from one sync are one notification, not one each.</source>
        <translation>Så mange nye saker i Moderer fra én synkronisering blir ett varsel, ikke ett hver.</translation>
    </message>
    <message>
        <source>Heated: at least this many &amp;replies</source>
        <translation>Opphetet: minst så mange s&amp;var</translation>
    </message>
    <message>
        <source>A thread with this many replies within the time below becomes one Moderate item with a suggestion to lock.</source>
        <translation>En tråd med så mange svar innen tiden nedenfor blir én sak i Moderer med forslag om å låse den.</translation>
    </message>
    <message>
        <source>Heated: &amp;within</source>
        <translation>Opphetet: &amp;innen</translation>
    </message>
    <message>
        <source>The time in which the replies, flags and rule breaks are counted.</source>
        <translation>Tiden der svar, rapporteringer og regelbrudd telles.</translation>
    </message>
    <message>
        <source>Heated: or this many &amp;flagged replies</source>
        <translation>Opphetet: eller så mange &amp;rapporterte svar</translation>
    </message>
    <message>
        <source>Flagged or rule-breaking replies in that time that make a thread heated on their own.</source>
        <translation>Rapporterte eller regelbrytende svar i den tiden som alene gjør en tråd opphetet.</translation>
    </message>
    <message>
        <source>Patch: a thread is &amp;quiet after (days)</source>
        <translation>Område: en tråd er &amp;stille etter (dager)</translation>
    </message>
    <message>
        <source>A question or discussion in your areas with no new comment for this many days shows under &quot;Gone quiet&quot; in My patch (Ctrl+Shift+P).</source>
        <translation>Et spørsmål eller en diskusjon i dine områder uten ny kommentar på så mange dager vises under «Stilnet» i Mitt område (Ctrl+Shift+P).</translation>
    </message>
    <message>
        <source>&amp;Coaching hints</source>
        <translation>&amp;Skrivetips</translation>
    </message>
    <message>
        <source>One line under the reply box while you write: the person who asked is not @mentioned, a reply to an idea does not end with a question, a reply is over 120 words.</source>
        <translation>Én linje under svarfeltet mens du skriver: personen som spurte er ikke @nevnt, et svar på en idé slutter ikke med et spørsmål, et svar er over 120 ord.</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Vis</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Av</translation>
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
    <name>TemplatePicker</name>
    <message>
        <source>Filter saved replies</source>
        <translation>Filtrer lagrede svar</translation>
    </message>
    <message>
        <source>Type to filter saved replies (Return inserts, Escape closes)</source>
        <translation>Skriv for å filtrere lagrede svar (Enter setter inn, Esc lukker)</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Lagrede svar</translation>
    </message>
    <message>
        <source>Preview of the reply</source>
        <translation>Forhåndsvisning av svaret</translation>
    </message>
    <message>
        <source>No saved reply matches</source>
        <translation>Ingen lagrede svar passer</translation>
    </message>
    <message>
        <source>Left as written: %1</source>
        <translation>Latt stå som skrevet: %1</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
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
        <source>Saved replies</source>
        <translation>Lagrede svar</translation>
    </message>
    <message>
        <source>&amp;Saved replies</source>
        <translation>&amp;Lagrede svar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>letters, digits, - and _ (used by &apos;reply --template&apos;)</source>
        <translation>bokstaver, sifre, - og _ (brukes av «reply --template»)</translation>
    </message>
    <message>
        <source>Title (%1)</source>
        <translation>Tittel (%1)</translation>
    </message>
    <message>
        <source>Text (%1)</source>
        <translation>Tekst (%1)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Tittel</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>Te&amp;kst</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>Plassholdere: %1</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Ny</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>La&amp;gre</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Eksporter…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>Na&amp;vn</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Ikke lagret: %1</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>Lagret «%1»</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>Slettet «%1»</translation>
    </message>
    <message>
        <source>the file is too big for a template file</source>
        <translation>filen er for stor for en malfil</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2. Your saved replies are unchanged.</source>
        <translation>%1 kan ikke importeres: %2. De lagrede svarene dine er uendret.</translation>
    </message>
    <message>
        <source>Imported %1 saved replies from %2</source>
        <translation>Importerte %1 lagrede svar fra %2</translation>
    </message>
    <message>
        <source>Exported %1 saved replies to %2</source>
        <translation>Eksporterte %1 lagrede svar til %2</translation>
    </message>
    <message>
        <source>Unknown placeholder: %1 — it is kept as written</source>
        <translation>Ukjent plassholder: %1 — den blir stående som skrevet</translation>
    </message>
    <message>
        <source>Import saved replies</source>
        <translation>Importer lagrede svar</translation>
    </message>
    <message>
        <source>Saved replies (*.json)</source>
        <translation>Lagrede svar (*.json)</translation>
    </message>
    <message>
        <source>Export saved replies</source>
        <translation>Eksporter lagrede svar</translation>
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
        <source>Decision notes</source>
        <translation>Beslutningsnotater</translation>
    </message>
    <message>
        <source>Decision &amp;note…</source>
        <translation>Beslutnings&amp;notat …</translation>
    </message>
    <message>
        <source>Write a decision note</source>
        <translation>Skriv et beslutningsnotat</translation>
    </message>
    <message>
        <source>Note what was decided in this thread; it keeps the thread&apos;s promises (N)</source>
        <translation>Noter hva som ble besluttet i denne tråden; det holder trådens løfter (N)</translation>
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
        <source>Decided %1 ago: %2</source>
        <translation>Besluttet for %1 siden: %2</translation>
    </message>
    <message>
        <source>Decision note</source>
        <translation>Beslutningsnotat</translation>
    </message>
    <message>
        <source>What was decided? The thread&apos;s promises count as kept.</source>
        <translation>Hva ble besluttet? Trådens løfter regnes som holdt.</translation>
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
