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
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Einstellungen…</translation>
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
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
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
        <source>Write a reply… (Ctrl+Enter sends, @ mentions someone)</source>
        <translation>Antwort schreiben … (Strg+Eingabe sendet, @ erwähnt jemanden)</translation>
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
    <name>DeskApp</name>
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
        <source>Start the demo with: dialogue-desk --demo</source>
        <translation>Starte die Demo mit: dialogue-desk --demo</translation>
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
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
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
        <source>Pick an item to see its thread</source>
        <translation>Wähle einen Eintrag, um seine Diskussion zu sehen</translation>
    </message>
    <message>
        <source>This item is not in the cache any more</source>
        <translation>Dieser Eintrag ist nicht mehr im Zwischenspeicher</translation>
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
