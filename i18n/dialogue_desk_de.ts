<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed for {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up promised to {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held for approval for {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged {times}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks the rules of engagement: {rules}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentions you (@{who}), unanswered for {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question to the {role}, unanswered for {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question, unanswered for {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your post, unanswered for {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First comment by {author} — nobody has reacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An idea by {author} — nobody has reacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody from the team has reacted to {author}</source>
        <translation type="unfinished"></translation>
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
</TS>
