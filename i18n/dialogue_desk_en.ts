<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>CoachingLine</name>
    <message numerus="yes">
        <source>Tip: %n words; replies under about 120 words are read more.</source>
        <translation>
            <numerusform>Tip: %n word; replies under about 120 words are read more.</numerusform>
            <numerusform>Tip: %n words; replies under about 120 words are read more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (UTC), %3: %n comment(s)</source>
        <translation>
            <numerusform>%1 – %2 (UTC), %3: %n comment</numerusform>
            <numerusform>%1 – %2 (UTC), %3: %n comments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message numerus="yes">
        <source>%n new or changed records</source>
        <translation>
            <numerusform>%n new or changed record</numerusform>
            <numerusform>%n new or changed records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message numerus="yes">
        <source>Dialogue Desk: %n open</source>
        <translation>
            <numerusform>Dialogue Desk: %n open</numerusform>
            <numerusform>Dialogue Desk: %n open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message numerus="yes">
        <source>%n item(s) came in since the last digest</source>
        <translation>
            <numerusform>%n item came in since the last digest</numerusform>
            <numerusform>%n items came in since the last digest</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatchDialog</name>
    <message numerus="yes">
        <source>a discussion, %n comment(s)</source>
        <translation>
            <numerusform>a discussion, %n comment</numerusform>
            <numerusform>a discussion, %n comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s) came in</source>
        <translation>
            <numerusform>%n comment came in</numerusform>
            <numerusform>%n comments came in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new contributor(s)</source>
        <translation>
            <numerusform>%n new contributor</numerusform>
            <numerusform>%n new contributors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoveAccountDialog</name>
    <message numerus="yes">
        <source>%n actions of this account not yet sent will be discarded: they will never reach the server.</source>
        <translation>
            <numerusform>%n action of this account not yet sent will be discarded: it will never reach the server.</numerusform>
            <numerusform>%n actions of this account not yet sent will be discarded: they will never reach the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message numerus="yes">
        <source>%n likes</source>
        <translation>
            <numerusform>%n like</numerusform>
            <numerusform>%n likes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flags</source>
        <translation>
            <numerusform>%n flag</numerusform>
            <numerusform>%n flags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>flagged %n times</source>
        <translation>
            <numerusform>flagged %n time</numerusform>
            <numerusform>flagged %n times</numerusform>
        </translation>
    </message>
</context>
</TS>
