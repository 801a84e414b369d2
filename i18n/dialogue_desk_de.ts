<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>{n} min</source>
        <translation>{n} Min.</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} Std.</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <source>Promised by {who} {age} ago, due {late} ago</source>
        <translation>Versprochen von {who} vor {age}, fällig seit {late}</translation>
    </message>
    <message>
        <source>Promised by {who} {age} ago, due in {left}</source>
        <translation>Versprochen von {who} vor {age}, fällig in {left}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Snoozed for {age}</source>
        <translation>Zurückgestellt für {age}</translation>
    </message>
    <message>
        <source>Follow-up promised to {author}</source>
        <translation>Rückmeldung an {author} versprochen</translation>
    </message>
    <message>
        <source>Heated: {replies} replies in {minutes} min, {flagged} flagged — consider locking the thread</source>
        <translation>Hitzig: {replies} Antworten in {minutes} Min., {flagged} gemeldet — Thema sperren erwägen</translation>
    </message>
    <message>
        <source>Held for approval for {age}</source>
        <translation>Wartet seit {age} auf Freigabe</translation>
    </message>
    <message>
        <source>{n} times</source>
        <translation>{n}-mal</translation>
    </message>
    <message>
        <source>Flagged {times}: {why}</source>
        <translation>{times} gemeldet: {why}</translation>
    </message>
    <message>
        <source>Breaks the rules of engagement: {rules}</source>
        <translation>Verstößt gegen die Umgangsregeln: {rules}</translation>
    </message>
    <message>
        <source>Mentions you (@{who}), unanswered for {age}</source>
        <translation>Erwähnt dich (@{who}), seit {age} unbeantwortet</translation>
    </message>
    <message>
        <source>Question to the {role}, unanswered for {age}</source>
        <translation>Frage an: {role}, seit {age} unbeantwortet</translation>
    </message>
    <message>
        <source>Question, unanswered for {age}</source>
        <translation>Frage, seit {age} unbeantwortet</translation>
    </message>
    <message>
        <source>On your post, unanswered for {age}</source>
        <translation>Zu deinem Beitrag, seit {age} unbeantwortet</translation>
    </message>
    <message>
        <source>First comment by {author} — nobody has reacted</source>
        <translation>Erster Kommentar von {author} — niemand hat reagiert</translation>
    </message>
    <message>
        <source>An idea by {author} — nobody has reacted</source>
        <translation>Eine Idee von {author} — niemand hat reagiert</translation>
    </message>
    <message>
        <source>Nobody from the team has reacted to {author}</source>
        <translation>Niemand aus dem Team hat auf {author} reagiert</translation>
    </message>
    <message>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message>
        <source>twice</source>
        <translation>zweimal</translation>
    </message>
    <message>
        <source>insulting</source>
        <translation>beleidigend</translation>
    </message>
    <message>
        <source>spam</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>off-topic</source>
        <translation>am Thema vorbei</translation>
    </message>
    <message>
        <source>shouting</source>
        <translation>Geschrei (Großbuchstaben)</translation>
    </message>
    <message>
        <source>insult</source>
        <translation>Beleidigung</translation>
    </message>
    <message>
        <source>links</source>
        <translation>zu viele Links</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>Moderator</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>Redakteur</translation>
    </message>
    <message>
        <source>ambassador</source>
        <translation>Botschafter</translation>
    </message>
    <message>
        <source>employee</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <source>held</source>
        <translation>zurückgehalten</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>verborgen</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Already answered by {who} {age} ago</source>
        <translation>Schon beantwortet von {who} vor {age}</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Moderieren</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Würdigen</translation>
    </message>
    <message>
        <source>{n} more in {lane}</source>
        <translation>{n} weitere in {lane}</translation>
    </message>
    <message>
        <source>{n} in {lane}</source>
        <translation>{n} in {lane}</translation>
    </message>
    <message>
        <source>Moderation spike</source>
        <translation>Viel zu moderieren</translation>
    </message>
    <message>
        <source>{n} new items to moderate</source>
        <translation>{n} neue Einträge zu moderieren</translation>
    </message>
    <message>
        <source>Dialogue Desk</source>
        <translation>Dialogue Desk</translation>
    </message>
    <message>
        <source>Your digest</source>
        <translation>Ihre Zusammenfassung</translation>
    </message>
    <message>
        <source>{author} on “{post}”</source>
        <translation>{author} zu „{post}“</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Connect to your intranet</source>
        <translation>Mit deinem Intranet verbinden</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Anbindung</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Token or application password</source>
        <translation>Token oder Anwendungspasswort</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Connector:</source>
        <translation>&amp;Anbindung:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>A&amp;dresse:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Verify and save</source>
        <translation>&amp;Prüfen und speichern</translation>
    </message>
    <message>
        <source>Please fill in the address, the user and the secret.</source>
        <translation>Bitte Adresse, Benutzer und Geheimnis ausfüllen.</translation>
    </message>
    <message>
        <source>Checking the account…</source>
        <translation>Konto wird geprüft …</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Verbergen</translation>
    </message>
    <message>
        <source>Mark as &amp;spam</source>
        <translation>Als &amp;Spam markieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Res&amp;tore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Like / thank</source>
        <translation>&amp;Gefällt mir / danken</translation>
    </message>
    <message>
        <source>Lock or unlock the &amp;thread</source>
        <translation>&amp;Diskussion sperren oder entsperren</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Als &amp;erledigt markieren</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Zurückstellen …</translation>
    </message>
    <message>
        <source>&amp;Follow up later</source>
        <translation>Später &amp;nachfassen</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Wieder ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Next item</source>
        <translation>&amp;Nächster Eintrag</translation>
    </message>
    <message>
        <source>&amp;Previous item</source>
        <translation>&amp;Vorheriger Eintrag</translation>
    </message>
    <message>
        <source>Add the next item to the selection</source>
        <translation>Nächsten Eintrag zur Auswahl hinzufügen</translation>
    </message>
    <message>
        <source>Add the previous item to the selection</source>
        <translation>Vorherigen Eintrag zur Auswahl hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Sa&amp;ve this search</source>
        <translation>Diese Suche spei&amp;chern</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Full &amp;check</source>
        <translation>Vollständig &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation>&amp;Postausgang …</translation>
    </message>
    <message>
        <source>&amp;Add an account…</source>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Re&amp;move account…</source>
        <translation>Konto en&amp;tfernen …</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Saved re&amp;plies…</source>
        <translation>Gespeicherte &amp;Antworten…</translation>
    </message>
    <message>
        <source>&amp;Digest…</source>
        <translation>&amp;Zusammenfassung…</translation>
    </message>
    <message>
        <source>Das&amp;hboard…</source>
        <translation>Das&amp;hboard…</translation>
    </message>
    <message>
        <source>My &amp;patch…</source>
        <translation>Mein &amp;Revier…</translation>
    </message>
    <message>
        <source>Lane: Reply</source>
        <translation>Spalte: Antworten</translation>
    </message>
    <message>
        <source>Lane: Moderate</source>
        <translation>Spalte: Moderieren</translation>
    </message>
    <message>
        <source>Lane: Acknowledge</source>
        <translation>Spalte: Würdigen</translation>
    </message>
    <message>
        <source>Lane: Done</source>
        <translation>Spalte: Erledigt</translation>
    </message>
    <message>
        <source>Lane: Snoozed</source>
        <translation>Spalte: Zurückgestellt</translation>
    </message>
    <message>
        <source>Lane: Follow-up</source>
        <translation>Spalte: Nachfassen</translation>
    </message>
    <message>
        <source>Removed: hidden, spam and deleted</source>
        <translation>Entfernt: verborgen, Spam und gelöscht</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>CoachingLine</name>
    <message>
        <source>D&amp;ismiss hint</source>
        <translation>H&amp;inweis ausblenden</translation>
    </message>
    <message>
        <source>Dismiss hint</source>
        <translation>Hinweis ausblenden</translation>
    </message>
    <message>
        <source>Tip: @mention %1 so they see your answer.</source>
        <translation>Tipp: Erwähne %1 mit @, damit die Antwort ankommt.</translation>
    </message>
    <message>
        <source>Tip: end with a question to hear more about the idea.</source>
        <translation>Tipp: Ende mit einer Frage, um mehr über die Idee zu erfahren.</translation>
    </message>
    <message numerus="yes">
        <source>Tip: %n words; replies under about 120 words are read more.</source>
        <translation>
            <numerusform>Tipp: %n Wort; Antworten unter etwa 120 Wörtern werden eher gelesen.</numerusform>
            <numerusform>Tipp: %n Wörter; Antworten unter etwa 120 Wörtern werden eher gelesen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antwort</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Antworttext</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter sends, @ mentions someone, Ctrl+Space inserts a saved reply)</source>
        <translation>Antwort schreiben … (Strg+Eingabe sendet, @ erwähnt jemanden, Strg+Leertaste fügt eine gespeicherte Antwort ein)</translation>
    </message>
    <message>
        <source>Answered meanwhile</source>
        <translation>Inzwischen beantwortet</translation>
    </message>
    <message>
        <source>%1 answered %2 ago</source>
        <translation>%1 hat vor %2 geantwortet</translation>
    </message>
    <message>
        <source>Someone else is replying</source>
        <translation>Jemand anderes antwortet gerade</translation>
    </message>
    <message>
        <source>%1 is replying — your answer may cross theirs</source>
        <translation>%1 antwortet gerade – Ihre Antwort könnte sich mit der anderen überschneiden</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <source>Send reply (Ctrl+Enter)</source>
        <translation>Antwort senden (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>ComposerEdit</name>
    <message>
        <source>People to mention</source>
        <translation>Personen zum Erwähnen</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alle Bereiche</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Bereich</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Chosen range</source>
        <translation>Gewählter Zeitraum</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <source>From (included)</source>
        <translation>Von (einschließlich)</translation>
    </message>
    <message>
        <source>Until (included)</source>
        <translation>Bis (einschließlich)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>B&amp;is</translation>
    </message>
    <message>
        <source>Show as &amp;tables</source>
        <translation>Als &amp;Tabellen</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>&amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>P&amp;NG exportieren…</translation>
    </message>
    <message>
        <source>Comments per week</source>
        <translation>Kommentare pro Woche</translation>
    </message>
    <message>
        <source>First reply (hours)</source>
        <translation>Erste Antwort (Stunden)</translation>
    </message>
    <message>
        <source>Acknowledged (%)</source>
        <translation>Gewürdigt (%)</translation>
    </message>
    <message>
        <source>Unanswered input</source>
        <translation>Unbeantwortete Beiträge</translation>
    </message>
    <message>
        <source>First-time contributors</source>
        <translation>Erstmals Beitragende</translation>
    </message>
    <message>
        <source>Leaders&apos; activity</source>
        <translation>Aktivität der Führungskräfte</translation>
    </message>
    <message>
        <source>All figures</source>
        <translation>Alle Kennzahlen</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Top posts</source>
        <translation>Meistdiskutierte Beiträge</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Top contributors</source>
        <translation>Aktivste Beitragende</translation>
    </message>
    <message>
        <source>Contributor</source>
        <translation>Beitragende(r)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Kennzahlen werden berechnet…</translation>
    </message>
    <message>
        <source>The figures could not be read: %1</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (UTC), %3: %n comment(s)</source>
        <translation>
            <numerusform>%1 – %2 (UTC), %3: %n Kommentar</numerusform>
            <numerusform>%1 – %2 (UTC), %3: %n Kommentare</numerusform>
        </translation>
    </message>
    <message>
        <source>all areas</source>
        <translation>alle Bereiche</translation>
    </message>
    <message>
        <source>First reply (median)</source>
        <translation>Erste Antwort (Median)</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Gewürdigt</translation>
    </message>
    <message>
        <source>First reply, median</source>
        <translation>Erste Antwort, Median</translation>
    </message>
    <message>
        <source>First reply, 90 %</source>
        <translation>Erste Antwort, 90 %</translation>
    </message>
    <message>
        <source>Oldest unanswered</source>
        <translation>Älteste unbeantwortete</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>Nachgefasst</translation>
    </message>
    <message>
        <source>… who came back</source>
        <translation>… davon wiedergekommen</translation>
    </message>
    <message>
        <source>Leaders&apos; posts</source>
        <translation>Beiträge von Führungskräften</translation>
    </message>
    <message>
        <source>Leaders&apos; replies</source>
        <translation>Antworten von Führungskräften</translation>
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
        <translation>Wiedergekommen</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>Open in the desk</source>
        <translation>Im Desk öffnen</translation>
    </message>
    <message>
        <source>The local cache was damaged; it is being rebuilt from the server. Your outbox and drafts are safe.</source>
        <translation>Der lokale Zwischenspeicher war beschädigt; er wird vom Server neu aufgebaut. Dein Postausgang und deine Entwürfe sind sicher.</translation>
    </message>
    <message>
        <source>The demo could not be started</source>
        <translation>Die Demo konnte nicht gestartet werden</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message numerus="yes">
        <source>%n new or changed records</source>
        <translation>
            <numerusform>%n neuer oder geänderter Datensatz</numerusform>
            <numerusform>%n neue oder geänderte Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Offline: %1</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>Too late to undo: the action was already sent</source>
        <translation>Zu spät zum Rückgängigmachen: die Aktion wurde schon gesendet</translation>
    </message>
    <message>
        <source>This action cannot be sent again</source>
        <translation>Diese Aktion kann nicht erneut gesendet werden</translation>
    </message>
    <message>
        <source>Removed the account %1</source>
        <translation>Konto %1 entfernt</translation>
    </message>
    <message>
        <source>No account called %1</source>
        <translation>Kein Konto namens %1</translation>
    </message>
</context>
<context>
    <name>DeskDialogs</name>
    <message>
        <source>&amp;Remove account “%1”…</source>
        <translation>Konto „%1“ &amp;entfernen …</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Fortschritt der Synchronisierung</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Open the outbox</source>
        <translation>Postausgang öffnen</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline — your actions wait in the outbox</source>
        <translation>Offline — deine Aktionen warten im Postausgang</translation>
    </message>
    <message>
        <source>%1: live updates are unavailable; checking for news at intervals instead</source>
        <translation>%1: Live-Aktualisierung nicht verfügbar; stattdessen wird in Abständen nach Neuem gesehen</translation>
    </message>
    <message>
        <source>%1: live updates again</source>
        <translation>%1: wieder live aktualisiert</translation>
    </message>
    <message>
        <source>Checking at intervals: %1</source>
        <translation>In Abständen geprüft: %1</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 ausstehend</translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation>%1 unklar</translation>
    </message>
    <message>
        <source>%1 in conflict</source>
        <translation>%1 im Konflikt</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Synced %1 ago</source>
        <translation>Vor %1 synchronisiert</translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <source>Show the desk</source>
        <translation>Desk zeigen</translation>
    </message>
    <message>
        <source>Digest…</source>
        <translation>Zusammenfassung…</translation>
    </message>
    <message numerus="yes">
        <source>Dialogue Desk: %n open</source>
        <translation>
            <numerusform>Dialogue Desk: %n offen</numerusform>
            <numerusform>Dialogue Desk: %n offen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message>
        <source>Digest</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) came in since the last digest</source>
        <translation>
            <numerusform>%n Eintrag kam seit der letzten Zusammenfassung</numerusform>
            <numerusform>%n Einträge kamen seit der letzten Zusammenfassung</numerusform>
        </translation>
    </message>
    <message>
        <source>Items since the last digest</source>
        <translation>Einträge seit der letzten Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;Open in the desk</source>
        <translation>Im Desk ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>EditReplyDialog</name>
    <message>
        <source>Edit reply</source>
        <translation>Antwort bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Reply text:</source>
        <translation>&amp;Antworttext:</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Antworttext</translation>
    </message>
    <message>
        <source>&amp;Send again</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message>
        <source>Send again (Ctrl+Enter)</source>
        <translation>Erneut senden (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <source>Something went wrong inside Dialogue Desk. Your work is saved; the details are in %1.</source>
        <translation>In Dialogue Desk ist etwas schiefgegangen. Deine Arbeit ist gespeichert; die Einzelheiten stehen in %1.</translation>
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
        <translation>Suchen (/)</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Die Warteschlange durchsuchen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Your account may not do this here</source>
        <translation>Dein Konto darf das hier nicht</translation>
    </message>
    <message>
        <source>That item is no longer in the queue</source>
        <translation>Dieser Eintrag ist nicht mehr in der Warteschlange</translation>
    </message>
    <message>
        <source>Nothing here matches your search</source>
        <translation>Nichts passt zu deiner Suche</translation>
    </message>
    <message>
        <source>Nothing waits for a reply — well done</source>
        <translation>Nichts wartet auf eine Antwort — gut gemacht</translation>
    </message>
    <message>
        <source>Nothing to moderate — all calm</source>
        <translation>Nichts zu moderieren — alles ruhig</translation>
    </message>
    <message>
        <source>Everyone has been seen — nice work</source>
        <translation>Alle wurden gesehen — schöne Arbeit</translation>
    </message>
    <message>
        <source>Nothing done yet today</source>
        <translation>Heute noch nichts erledigt</translation>
    </message>
    <message>
        <source>Nothing snoozed</source>
        <translation>Nichts zurückgestellt</translation>
    </message>
    <message>
        <source>No follow-ups promised</source>
        <translation>Keine Rückmeldungen versprochen</translation>
    </message>
    <message>
        <source>Nothing removed: hidden, spam and deleted comments show here, to be restored</source>
        <translation>Nichts entfernt: verborgene, als Spam markierte und gelöschte Kommentare erscheinen hier und lassen sich wiederherstellen</translation>
    </message>
    <message>
        <source>Un&amp;lock thread</source>
        <translation>Diskussion ent&amp;sperren</translation>
    </message>
    <message>
        <source>&amp;Lock thread</source>
        <translation>Diskussion &amp;sperren</translation>
    </message>
    <message>
        <source>Your account may not lock threads here</source>
        <translation>Dein Konto darf hier keine Diskussionen sperren</translation>
    </message>
    <message>
        <source>This computer has no desktop notification service: the desk works without, the digest keeps what came in.</source>
        <translation>Dieser Rechner hat keinen Benachrichtigungsdienst: Der Desk arbeitet ohne, die Zusammenfassung behält, was hereinkam.</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Actions in the outbox</source>
        <translation>Aktionen im Postausgang</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>The outbox is empty: everything you did has arrived.</source>
        <translation>Der Postausgang ist leer: alles, was du getan hast, ist angekommen.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Edit reply…</source>
        <translation>Antwort &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>unknown — will check</source>
        <translation>unklar — wird geprüft</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>held: already answered</source>
        <translation>zurückgehalten: schon beantwortet</translation>
    </message>
    <message>
        <source>&amp;Send anyway</source>
        <translation>Trotzdem &amp;senden</translation>
    </message>
</context>
<context>
    <name>PatchDialog</name>
    <message>
        <source>My patch</source>
        <translation>Mein Revier</translation>
    </message>
    <message>
        <source>Reading the cache…</source>
        <translation>Der Zwischenspeicher wird gelesen…</translation>
    </message>
    <message>
        <source>Gone quiet</source>
        <translation>Eingeschlafen</translation>
    </message>
    <message>
        <source>No comment after 3 days</source>
        <translation>Nach 3 Tagen ohne Kommentar</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>&amp;Gone quiet (Enter opens the thread)</source>
        <translation>&amp;Eingeschlafen (Eingabe öffnet den Thread)</translation>
    </message>
    <message>
        <source>&amp;No comment after 3 days</source>
        <translation>&amp;Nach 3 Tagen ohne Kommentar</translation>
    </message>
    <message>
        <source>&amp;This week</source>
        <translation>&amp;Diese Woche</translation>
    </message>
    <message>
        <source>The patch could not be read: %1</source>
        <translation>Das Revier konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Your areas: %1</source>
        <translation>Deine Bereiche: %1</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alle Bereiche</translation>
    </message>
    <message>
        <source>an open question</source>
        <translation>eine offene Frage</translation>
    </message>
    <message numerus="yes">
        <source>a discussion, %n comment(s)</source>
        <translation>
            <numerusform>eine Diskussion, %n Kommentar</numerusform>
            <numerusform>eine Diskussion, %n Kommentare</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · quiet since %3</source>
        <translation>%1 · %2 · still seit %3</translation>
    </message>
    <message>
        <source>Nothing has gone quiet.</source>
        <translation>Nichts ist eingeschlafen.</translation>
    </message>
    <message>
        <source>Ask a question at the end of the post</source>
        <translation>Stelle am Ende des Beitrags eine Frage</translation>
    </message>
    <message>
        <source>@mention someone who knows the answer</source>
        <translation>Erwähne mit @ jemanden, der die Antwort weiß</translation>
    </message>
    <message>
        <source>%1 · posted %2 · %3</source>
        <translation>%1 · veröffentlicht %2 · %3</translation>
    </message>
    <message>
        <source>Every recent post has comments.</source>
        <translation>Jeder neue Beitrag hat Kommentare.</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s) came in</source>
        <translation>
            <numerusform>%n Kommentar kam herein</numerusform>
            <numerusform>%n Kommentare kamen herein</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 new comments answered by the team</source>
        <translation>%1 von %2 neuen Kommentaren vom Team beantwortet</translation>
    </message>
    <message numerus="yes">
        <source>%n new contributor(s)</source>
        <translation>
            <numerusform>%n neue(r) Beitragende(r)</numerusform>
            <numerusform>%n neue Beitragende</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>d</source>
        <translation>T</translation>
    </message>
    <message>
        <source>h</source>
        <translation>Std.</translation>
    </message>
    <message>
        <source>min</source>
        <translation>Min.</translation>
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
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings for</source>
        <translation>Einstellungen für</translation>
    </message>
    <message>
        <source>Every account</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>{account} › {area}</source>
        <translation>{account} › {area}</translation>
    </message>
    <message>
        <source>Settings &amp;for:</source>
        <translation>Einstellungen &amp;für:</translation>
    </message>
    <message>
        <source>Groups of settings</source>
        <translation>Gruppen von Einstellungen</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation>&amp;Standardwerte</translation>
    </message>
    <message>
        <source>The same for every account: choose “Every account” above to change it.</source>
        <translation>Für alle Konten gleich: oben „Alle Konten“ wählen, um es zu ändern.</translation>
    </message>
    <message>
        <source>The same for every area: choose the account above to change it.</source>
        <translation>Für alle Bereiche gleich: oben das Konto wählen, um es zu ändern.</translation>
    </message>
    <message>
        <source>Saved. Language and theme take effect after a restart.</source>
        <translation>Gespeichert. Sprache und Farbschema wirken nach einem Neustart.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>Hidden</source>
        <translation>Verborgen</translation>
    </message>
    <message>
        <source>Marked as spam</source>
        <translation>Als Spam markiert</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>%1 is replying</source>
        <translation>%1 antwortet</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
</context>
<context>
    <name>RemoveAccountDialog</name>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Account to remove</source>
        <translation>Zu entfernendes Konto</translation>
    </message>
    <message>
        <source>&amp;Remove account</source>
        <translation>Konto &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Removed from this computer: the posts, comments and people cached for “%1”, its marks (done, snoozed, follow-up), its drafts and its saved secret. Nothing changes on the server; adding the account again fetches the cache anew.</source>
        <translation>Von diesem Rechner entfernt werden: die für „%1“ zwischengespeicherten Beiträge, Kommentare und Personen, seine Markierungen (erledigt, zurückgestellt, nachfassen), seine Entwürfe und sein gespeichertes Geheimnis. Auf dem Server ändert sich nichts; wird das Konto wieder hinzugefügt, wird der Zwischenspeicher neu geladen.</translation>
    </message>
    <message numerus="yes">
        <source>%n actions of this account not yet sent will be discarded: they will never reach the server.</source>
        <translation>
            <numerusform>%n noch nicht gesendete Aktion dieses Kontos wird verworfen: Sie erreicht den Server nie.</numerusform>
            <numerusform>%n noch nicht gesendete Aktionen dieses Kontos werden verworfen: Sie erreichen den Server nie.</numerusform>
        </translation>
    </message>
    <message>
        <source>No action of this account waits to be sent.</source>
        <translation>Keine Aktion dieses Kontos wartet auf das Senden.</translation>
    </message>
    <message>
        <source>Other accounts&apos; actions stay queued.</source>
        <translation>Aktionen anderer Konten bleiben in der Warteschlange.</translation>
    </message>
</context>
<context>
    <name>SafeBrowser</name>
    <message>
        <source>Comment text</source>
        <translation>Kommentartext</translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[Bild]</translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation>[Bild: %1]</translation>
    </message>
    <message>
        <source>This comment is too long to show in full.</source>
        <translation>Dieser Kommentar ist zu lang, um vollständig angezeigt zu werden.</translation>
    </message>
    <message>
        <source>Opens %1</source>
        <translation>Öffnet %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>Reply deadlines</source>
        <translation>Antwortfristen</translation>
    </message>
    <message>
        <source>Rules of engagement</source>
        <translation>Umgangsregeln</translation>
    </message>
    <message>
        <source>Rules of engagement: English</source>
        <translation>Umgangsregeln: Englisch</translation>
    </message>
    <message>
        <source>Rules of engagement: German</source>
        <translation>Umgangsregeln: Deutsch</translation>
    </message>
    <message>
        <source>Rules of engagement: Norwegian</source>
        <translation>Umgangsregeln: Norwegisch</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Heated threads</source>
        <translation>Hitzige Themen</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <source>Insight</source>
        <translation>Einblick</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number of seconds</source>
        <translation>„{value}“ ist keine Anzahl Sekunden</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number</source>
        <translation>„{value}“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not one of {choices}</source>
        <translation>„{value}“ ist keiner der Werte {choices}</translation>
    </message>
    <message>
        <source>a list of words is expected</source>
        <translation>eine Liste von Wörtern wird erwartet</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a user name</source>
        <translation>&apos;{value}&apos; ist kein Benutzername</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a word or phrase (letters, spaces, hyphens; a * at the end matches any ending)</source>
        <translation>„{value}“ ist kein Wort und keine Wendung (Buchstaben, Leerzeichen, Bindestriche; ein * am Ende passt auf jede Endung)</translation>
    </message>
    <message>
        <source>{value} is outside {minimum}–{maximum}</source>
        <translation>{value} liegt außerhalb von {minimum}–{maximum}</translation>
    </message>
    <message>
        <source>&amp;Insulting words</source>
        <translation>&amp;Beleidigende Wörter</translation>
    </message>
    <message>
        <source>A comment in this language with one of these words or phrases goes to Moderate. One per line; a * at the end matches any ending.</source>
        <translation>Ein Kommentar in dieser Sprache mit einem dieser Wörter oder einer dieser Wendungen kommt nach Moderieren. Eines pro Zeile; ein * am Ende passt auf jede Endung.</translation>
    </message>
    <message>
        <source>Shouting: at &amp;least this many letters</source>
        <translation>Schreien: &amp;mindestens so viele Buchstaben</translation>
    </message>
    <message>
        <source>Shorter comments in capitals (&quot;OK!&quot;) are not shouting.</source>
        <translation>Kürzere Kommentare in Großbuchstaben („OK!“) sind kein Schreien.</translation>
    </message>
    <message>
        <source>Shouting: share of &amp;capital letters (%)</source>
        <translation>Schreien: Anteil der &amp;Großbuchstaben (%)</translation>
    </message>
    <message>
        <source>A comment with at least this share of capital letters is shouting.</source>
        <translation>Ein Kommentar mit mindestens diesem Anteil Großbuchstaben ist Schreien.</translation>
    </message>
    <message>
        <source>Most lin&amp;ks in a comment</source>
        <translation>Höchstens so viele &amp;Links in einem Kommentar</translation>
    </message>
    <message>
        <source>A comment with more links goes to Moderate (link spam).</source>
        <translation>Ein Kommentar mit mehr Links kommt nach Moderieren (Link-Spam).</translation>
    </message>
    <message>
        <source>a list of patterns is expected</source>
        <translation>eine Liste von Mustern wird erwartet</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid pattern: {error}</source>
        <translation>„{value}“ ist kein gültiges Muster: {error}</translation>
    </message>
    <message>
        <source>Keep a &amp;promise within</source>
        <translation>Ein &amp;Versprechen halten innerhalb von</translation>
    </message>
    <message>
        <source>A staff reply that promises an outcome puts its thread into Follow-up, due after this time.</source>
        <translation>Eine Antwort des Teams, die ein Ergebnis verspricht, bringt ihre Diskussion nach Nachfassen, fällig nach dieser Zeit.</translation>
    </message>
    <message>
        <source>Regular expressions, one per line, matched case-insensitively in staff replies: a match is a promise.</source>
        <translation>Reguläre Ausdrücke, einer pro Zeile, ohne Rücksicht auf Groß- und Kleinschreibung in Antworten des Teams gesucht: ein Treffer ist ein Versprechen.</translation>
    </message>
    <message>
        <source>Promises in &amp;English</source>
        <translation>Versprechen auf &amp;Englisch</translation>
    </message>
    <message>
        <source>Promises in &amp;German</source>
        <translation>Versprechen auf &amp;Deutsch</translation>
    </message>
    <message>
        <source>Promises in &amp;Norwegian</source>
        <translation>Versprechen auf &amp;Norwegisch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>Norwegian (Bokmål)</source>
        <translation>Norwegisch (Bokmål)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language of the desk. --lang on the command line overrides it and is saved.</source>
        <translation>Die Sprache des Desks. --lang auf der Befehlszeile geht vor und wird gespeichert.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Light or dark colours. --style-dark and DIALOGUE_DESK_DARK=1 override it for one run.</source>
        <translation>Helle oder dunkle Farben. --style-dark und DIALOGUE_DESK_DARK=1 gehen für einen Start vor.</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Sync every</source>
        <translation>&amp;Synchronisieren alle</translation>
    </message>
    <message>
        <source>How often the desk fetches what is new while it is open. 0 syncs only when you ask (F5).</source>
        <translation>Wie oft der Desk Neues holt, solange er offen ist. 0 synchronisiert nur auf Wunsch (F5).</translation>
    </message>
    <message>
        <source>&amp;WordPress: re-read every comment every</source>
        <translation>&amp;WordPress: jeden Kommentar neu lesen alle</translation>
    </message>
    <message>
        <source>Every sync finds new, moderated and deleted comments by their counts; only re-reading every comment finds an edit of an old one. Shift+F5 does it at once.</source>
        <translation>Jede Synchronisierung findet neue, moderierte und gelöschte Kommentare an ihren Zahlen; nur wer jeden Kommentar neu liest, findet die Bearbeitung eines alten. Umschalt+F5 tut es sofort.</translation>
    </message>
    <message>
        <source>The reply target for a question; the Reply lane is ordered by the time left.</source>
        <translation>Die Antwortfrist für eine Frage; die Spur Antworten ist nach der verbleibenden Zeit geordnet.</translation>
    </message>
    <message>
        <source>The reply target when someone mentions you.</source>
        <translation>Die Antwortfrist, wenn jemand Sie erwähnt.</translation>
    </message>
    <message>
        <source>The reply target for a comment on a post of yours.</source>
        <translation>Die Antwortfrist für einen Kommentar zu Ihrem Beitrag.</translation>
    </message>
    <message>
        <source>Answer a &amp;question within</source>
        <translation>Eine &amp;Frage beantworten innerhalb von</translation>
    </message>
    <message>
        <source>Answer a &amp;mention within</source>
        <translation>Eine &amp;Erwähnung beantworten innerhalb von</translation>
    </message>
    <message>
        <source>Answer on your &amp;own post within</source>
        <translation>Auf dem &amp;eigenen Beitrag antworten innerhalb von</translation>
    </message>
    <message>
        <source>&amp;Comments are written in</source>
        <translation>&amp;Kommentare sind geschrieben auf</translation>
    </message>
    <message>
        <source>Used when a comment&apos;s own words do not tell its language. Automatic: every language&apos;s rules apply to it.</source>
        <translation>Gilt, wenn die Wörter eines Kommentars seine Sprache nicht verraten. Automatisch: die Regeln jeder Sprache gelten.</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>&amp;Leaders</source>
        <translation>&amp;Führungskräfte</translation>
    </message>
    <message>
        <source>User names of the managers whose posts and replies the report counts, one per line. For platforms that do not mark leaders themselves (WordPress).</source>
        <translation>Benutzernamen der Führungskräfte, deren Beiträge und Antworten der Bericht zählt, einer pro Zeile. Für Plattformen, die Führungskräfte nicht selbst kennzeichnen (WordPress).</translation>
    </message>
    <message>
        <source>&amp;Notify me of</source>
        <translation>&amp;Benachrichtigen bei</translation>
    </message>
    <message>
        <source>What shows as a desktop notification. Deadlines of your own posts, moderation spikes and heated threads notify unless this is off.</source>
        <translation>Was als Desktop-Benachrichtigung erscheint. Fristen Ihrer eigenen Beiträge, viel zu Moderierendes und hitzige Themen melden sich, außer wenn dies aus ist.</translation>
    </message>
    <message>
        <source>Everything new</source>
        <translation>Allem Neuen</translation>
    </message>
    <message>
        <source>Mentions and questions to me</source>
        <translation>Erwähnungen und Fragen an mich</translation>
    </message>
    <message>
        <source>Digest only</source>
        <translation>Nur der Zusammenfassung</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <source>At &amp;most this many notifications an hour</source>
        <translation>&amp;Höchstens so viele Benachrichtigungen pro Stunde</translation>
    </message>
    <message>
        <source>What does not fit is folded into one summary (&quot;12 more in Reply, 3 in Moderate&quot;).</source>
        <translation>Was nicht passt, wird zu einer Übersicht zusammengefasst („12 weitere in Antworten, 3 in Moderieren“).</translation>
    </message>
    <message>
        <source>&amp;Quiet from (hour)</source>
        <translation>&amp;Ruhe ab (Stunde)</translation>
    </message>
    <message>
        <source>From this hour nothing is shown; what comes in is folded into the next summary. The same hour as the end: no quiet hours.</source>
        <translation>Ab dieser Stunde wird nichts gezeigt; was hereinkommt, landet in der nächsten Übersicht. Dieselbe Stunde wie das Ende: keine Ruhezeit.</translation>
    </message>
    <message>
        <source>Quiet &amp;until (hour)</source>
        <translation>Ruhe &amp;bis (Stunde)</translation>
    </message>
    <message>
        <source>The hour the quiet hours end.</source>
        <translation>Die Stunde, zu der die Ruhezeit endet.</translation>
    </message>
    <message>
        <source>&amp;Digest at (hour)</source>
        <translation>&amp;Zusammenfassung um (Stunde)</translation>
    </message>
    <message>
        <source>One summary of what came in since the last one, at this hour. -1: no digest notification (the Digest view keeps the list).</source>
        <translation>Eine Übersicht dessen, was seit der letzten hereinkam, zu dieser Stunde. -1: keine Benachrichtigung (die Zusammenfassung im Desk behält die Liste).</translation>
    </message>
    <message>
        <source>Moderation &amp;spike: this many at once</source>
        <translation>Viel zu &amp;moderieren: so viele auf einmal</translation>
    </message>
    <message>
        <source>So many new items in Moderate from one sync are one notification, not one each.</source>
        <translation>So viele neue Einträge in Moderieren aus einem Abgleich sind eine Benachrichtigung, nicht je eine.</translation>
    </message>
    <message>
        <source>Heated: at least this many &amp;replies</source>
        <translation>Hitzig: mindestens so viele &amp;Antworten</translation>
    </message>
    <message>
        <source>A thread with this many replies within the time below becomes one Moderate item with a suggestion to lock.</source>
        <translation>Ein Thema mit so vielen Antworten in der Zeit unten wird ein Eintrag in Moderieren mit dem Vorschlag, es zu sperren.</translation>
    </message>
    <message>
        <source>Heated: &amp;within</source>
        <translation>Hitzig: &amp;innerhalb von</translation>
    </message>
    <message>
        <source>The time in which the replies, flags and rule breaks are counted.</source>
        <translation>Die Zeit, in der Antworten, Meldungen und Regelverstöße gezählt werden.</translation>
    </message>
    <message>
        <source>Heated: or this many &amp;flagged replies</source>
        <translation>Hitzig: oder so viele &amp;gemeldete Antworten</translation>
    </message>
    <message>
        <source>Flagged or rule-breaking replies in that time that make a thread heated on their own.</source>
        <translation>Gemeldete oder regelwidrige Antworten in dieser Zeit, die ein Thema schon allein hitzig machen.</translation>
    </message>
    <message>
        <source>Patch: a thread is &amp;quiet after (days)</source>
        <translation>Revier: ein Thread ist &amp;still nach (Tagen)</translation>
    </message>
    <message>
        <source>A question or discussion in your areas with no new comment for this many days shows under &quot;Gone quiet&quot; in My patch (Ctrl+Shift+P).</source>
        <translation>Eine Frage oder Diskussion in deinen Bereichen ohne neuen Kommentar seit so vielen Tagen erscheint unter „Eingeschlafen“ in Mein Revier (Strg+Umschalt+P).</translation>
    </message>
    <message>
        <source>&amp;Coaching hints</source>
        <translation>&amp;Schreibtipps</translation>
    </message>
    <message>
        <source>One line under the reply box while you write: the person who asked is not @mentioned, a reply to an idea does not end with a question, a reply is over 120 words.</source>
        <translation>Eine Zeile unter dem Antwortfeld beim Schreiben: die fragende Person ist nicht mit @ erwähnt, eine Antwort auf eine Idee endet nicht mit einer Frage, eine Antwort hat über 120 Wörter.</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>no such setting (see &apos;dialogue-desk config list&apos;)</source>
        <translation>keine solche Einstellung (siehe „dialogue-desk config list“)</translation>
    </message>
    <message>
        <source>an area belongs to an account: name the account too</source>
        <translation>ein Bereich gehört zu einem Konto: nennen Sie auch das Konto</translation>
    </message>
    <message>
        <source>this setting is the same for every account and area</source>
        <translation>diese Einstellung gilt gleich für alle Konten und Bereiche</translation>
    </message>
    <message>
        <source>this setting is the same for every area of an account</source>
        <translation>diese Einstellung gilt gleich für alle Bereiche eines Kontos</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Wirkung</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Lanes, accounts and saved searches</source>
        <translation>Spalten, Konten und gespeicherte Suchen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Moderieren</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Würdigen</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <source>%1: %2 items</source>
        <translation>%1: %2 Einträge</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>My area: </source>
        <translation>Mein Bereich: </translation>
    </message>
</context>
<context>
    <name>SnoozeMenu</name>
    <message>
        <source>Snooze until</source>
        <translation>Zurückstellen bis</translation>
    </message>
    <message>
        <source>&amp;Tomorrow morning</source>
        <translation>&amp;Morgen früh</translation>
    </message>
    <message>
        <source>&amp;Next week</source>
        <translation>&amp;Nächste Woche</translation>
    </message>
    <message>
        <source>&amp;Pick a date…</source>
        <translation>&amp;Datum wählen …</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>Filter saved replies</source>
        <translation>Gespeicherte Antworten filtern</translation>
    </message>
    <message>
        <source>Type to filter saved replies (Return inserts, Escape closes)</source>
        <translation>Tippen filtert gespeicherte Antworten (Eingabe fügt ein, Esc schließt)</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Gespeicherte Antworten</translation>
    </message>
    <message>
        <source>Preview of the reply</source>
        <translation>Vorschau der Antwort</translation>
    </message>
    <message>
        <source>No saved reply matches</source>
        <translation>Keine gespeicherte Antwort passt</translation>
    </message>
    <message>
        <source>Left as written: %1</source>
        <translation>Unverändert gelassen: %1</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>Norwegian (Bokmål)</source>
        <translation>Norwegisch (Bokmål)</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Gespeicherte Antworten</translation>
    </message>
    <message>
        <source>&amp;Saved replies</source>
        <translation>&amp;Gespeicherte Antworten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>letters, digits, - and _ (used by &apos;reply --template&apos;)</source>
        <translation>Buchstaben, Ziffern, - und _ (für „reply --template“)</translation>
    </message>
    <message>
        <source>Title (%1)</source>
        <translation>Titel (%1)</translation>
    </message>
    <message>
        <source>Text (%1)</source>
        <translation>Text (%1)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>Te&amp;xt</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>Platzhalter: %1</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>„%1“ gespeichert</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>„%1“ gelöscht</translation>
    </message>
    <message>
        <source>the file is too big for a template file</source>
        <translation>die Datei ist zu groß für eine Vorlagendatei</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2. Your saved replies are unchanged.</source>
        <translation>%1 kann nicht importiert werden: %2. Ihre gespeicherten Antworten sind unverändert.</translation>
    </message>
    <message>
        <source>Imported %1 saved replies from %2</source>
        <translation>%1 gespeicherte Antworten aus %2 importiert</translation>
    </message>
    <message>
        <source>Exported %1 saved replies to %2</source>
        <translation>%1 gespeicherte Antworten nach %2 exportiert</translation>
    </message>
    <message>
        <source>Unknown placeholder: %1 — it is kept as written</source>
        <translation>Unbekannter Platzhalter: %1 — er bleibt, wie er geschrieben ist</translation>
    </message>
    <message>
        <source>Import saved replies</source>
        <translation>Gespeicherte Antworten importieren</translation>
    </message>
    <message>
        <source>Saved replies (*.json)</source>
        <translation>Gespeicherte Antworten (*.json)</translation>
    </message>
    <message>
        <source>Export saved replies</source>
        <translation>Gespeicherte Antworten exportieren</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Post title</source>
        <translation>Titel des Beitrags</translation>
    </message>
    <message>
        <source>About the author</source>
        <translation>Über den Autor</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Diskussion</translation>
    </message>
    <message>
        <source>Decision notes</source>
        <translation>Entscheidungsnotizen</translation>
    </message>
    <message>
        <source>Decision &amp;note…</source>
        <translation>Entscheidungs&amp;notiz …</translation>
    </message>
    <message>
        <source>Write a decision note</source>
        <translation>Eine Entscheidungsnotiz schreiben</translation>
    </message>
    <message>
        <source>Note what was decided in this thread; it keeps the thread&apos;s promises (N)</source>
        <translation>Notieren, was in dieser Diskussion entschieden wurde; das hält ihre Versprechen (N)</translation>
    </message>
    <message>
        <source>Pick an item to see its thread</source>
        <translation>Wähle einen Eintrag, um seine Diskussion zu sehen</translation>
    </message>
    <message>
        <source>This item is not in the cache any more</source>
        <translation>Dieser Eintrag ist nicht mehr im Zwischenspeicher</translation>
    </message>
    <message>
        <source>Decided %1 ago: %2</source>
        <translation>Vor %1 entschieden: %2</translation>
    </message>
    <message>
        <source>Decision note</source>
        <translation>Entscheidungsnotiz</translation>
    </message>
    <message>
        <source>What was decided? The thread&apos;s promises count as kept.</source>
        <translation>Was wurde entschieden? Die Versprechen der Diskussion gelten als gehalten.</translation>
    </message>
    <message>
        <source>(untitled post)</source>
        <translation>(Beitrag ohne Titel)</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message numerus="yes">
        <source>%n likes</source>
        <translation>
            <numerusform>%n Gefällt mir</numerusform>
            <numerusform>%n Gefällt mir</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flags</source>
        <translation>
            <numerusform>%n Meldung</numerusform>
            <numerusform>%n Meldungen</numerusform>
        </translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[Bild]</translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation>[Bild: %1]</translation>
    </message>
    <message>
        <source>First-time contributor</source>
        <translation>Schreibt zum ersten Mal</translation>
    </message>
    <message>
        <source>%1 comments</source>
        <translation>%1 Kommentare</translation>
    </message>
    <message numerus="yes">
        <source>flagged %n times</source>
        <translation>
            <numerusform>%n-mal gemeldet</numerusform>
            <numerusform>%n-mal gemeldet</numerusform>
        </translation>
    </message>
    <message>
        <source>here for %1</source>
        <translation>seit %1 dabei</translation>
    </message>
    <message>
        <source>Author: </source>
        <translation>Autor: </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Dialogue Desk</source>
        <translation>Willkommen bei Dialogue Desk</translation>
    </message>
    <message>
        <source>Dialogue Desk gathers the comments on your intranet that need a reply, moderation or a thank-you into one queue you can clear with the keyboard, online or offline.</source>
        <translation>Dialogue Desk sammelt die Kommentare in deinem Intranet, die eine Antwort, Moderation oder ein Dankeschön brauchen, in einer Warteschlange, die du mit der Tastatur abarbeitest — online oder offline.</translation>
    </message>
    <message>
        <source>Try the &amp;demo intranet</source>
        <translation>&amp;Demo-Intranet ausprobieren</translation>
    </message>
    <message>
        <source>Try the demo intranet</source>
        <translation>Demo-Intranet ausprobieren</translation>
    </message>
    <message>
        <source>&amp;Connect to your intranet…</source>
        <translation>Mit deinem Intranet &amp;verbinden …</translation>
    </message>
    <message>
        <source>Connect to your intranet</source>
        <translation>Mit deinem Intranet verbinden</translation>
    </message>
</context>
</TS>
