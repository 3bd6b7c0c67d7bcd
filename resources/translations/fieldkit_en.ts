<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../ui/main_window.py" line="+210" />
        <source>About FieldKit</source>
        <translation>About FieldKit</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Field visits to tiers-lieux, offline first: places, visits, interviews and photos, synchronised with the mission's server.</source>
        <translation>Field visits to tiers-lieux, offline first: places, visits, interviews and photos, synchronised with the mission's server.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/launch.py" line="+91" />
        <source>FieldKit cannot open its data: %1</source>
        <extracomment>A temporary photo copy untouched for this long belongs to no running import.</extracomment>
        <translation>FieldKit cannot open its data: %1</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../ui/commands.py" line="+175" />
        <source>Create place “%1”</source>
        <translation>Create place “%1”</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Edit place “%1”</source>
        <translation>Edit place “%1”</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Delete place “%1”</source>
        <translation>Delete place “%1”</translation>
    </message>
    <message>
        <location line="+6" />
        <source>New visit</source>
        <translation>New visit</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Delete visit of %1</source>
        <translation>Delete visit of %1</translation>
    </message>
</context>
<context>
    <name>CommunesAction</name>
    <message>
        <location filename="../../ui/map_view.py" line="+685" />
        <source>Communes and &amp;duplicates…</source>
        <translation>Communes and &amp;duplicates…</translation>
    </message>
</context>
<context>
    <name>CommunesDialog</name>
    <message>
        <location line="-130" />
        <source>Communes and possible duplicates</source>
        <translation>Communes and possible duplicates</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Places whose commune is not settled: pick the commune, then Settle.</source>
        <translation>Places whose commune is not settled: pick the commune, then Settle.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Possible duplicates (same commune, similar names): keep one, merge the other.</source>
        <translation>Possible duplicates (same commune, similar names): keep one, merge the other.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Postcode and commune</source>
        <translation>Postcode and commune</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+3" />
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location line="+0" />
        <source>First</source>
        <translation>First</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Second</source>
        <translation>Second</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Settle</source>
        <translation>Settle</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Keep the first</source>
        <translation>Keep the first</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep the second</source>
        <translation>Keep the second</translation>
    </message>
    <message>
        <location line="+22" />
        <source>%1 is now in %2 (INSEE %3).</source>
        <translation>%1 is now in %2 (INSEE %3).</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Merged: %1 visit(s) moved to %2; %3 deleted.</source>
        <translation>Merged: %1 visit(s) moved to %2; %3 deleted.</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <location filename="../../ui/sync/conflicts_view.py" line="+80" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Fields in conflict</source>
        <translation>Fields in conflict</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <location line="+6" />
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visitors</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consent date</source>
        <translation>Consent date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pseudonymise in reports</source>
        <translation>Pseudonymise in reports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Key quotes</source>
        <translation>Key quotes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In the report</source>
        <translation>In the report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Position</source>
        <translation>Position</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location line="+200" />
        <source>Sync conflicts</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolve with these values</source>
        <translation>Resolve with these values</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No conflict to resolve.</source>
        <translation>No conflict to resolve.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The values to choose between</source>
        <translation>The values to choose between</translation>
    </message>
    <message>
        <location line="+42" />
        <source>%1 “%2”: changed on the server and on this computer.</source>
        <translation>%1 “%2”: changed on the server and on this computer.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+4" />
        <source>On the server</source>
        <translation>On the server</translation>
    </message>
    <message>
        <location line="+0" />
        <source>On this computer</source>
        <translation>On this computer</translation>
    </message>
</context>
<context>
    <name>DataFolders</name>
    <message>
        <location filename="../../ui/data_folders.py" line="+62" />
        <source>Recen&amp;t missions</source>
        <translation>Recen&amp;t missions</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Switch to another mission's data</source>
        <translation>Switch to another mission's data</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Demo: never synchronised</source>
        <translation>Demo: never synchronised</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Demo mission</source>
        <translation>Demo mission</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Data without a mission</source>
        <translation>Data without a mission</translation>
    </message>
</context>
<context>
    <name>Encryption</name>
    <message>
        <location filename="../../ui/encryption_ui.py" line="+77" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Protect this laptop's data</source>
        <translation>Protect this laptop's data</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Interview notes, names and photos will be encrypted on this laptop. Choose a passphrase of at least 8 characters: it will be asked for each time FieldKit starts. If it is forgotten, only what was synced can be recovered from the server.</source>
        <translation>Interview notes, names and photos will be encrypted on this laptop. Choose a passphrase of at least 8 characters: it will be asked for each time FieldKit starts. If it is forgotten, only what was synced can be recovered from the server.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The data of this laptop is encrypted. Type its passphrase to open it.</source>
        <translation>The data of this laptop is encrypted. Type its passphrase to open it.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Once more:</source>
        <translation>Once more:</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Wrong passphrase: nothing was opened or changed. Try again.</source>
        <translation>Wrong passphrase: nothing was opened or changed. Try again.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>The passphrase must have at least 8 characters.</source>
        <translation>The passphrase must have at least 8 characters.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Type the passphrase.</source>
        <translation>Type the passphrase.</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Encrypt</source>
        <translation>Encrypt</translation>
    </message>
    <message>
        <location line="+41" />
        <location line="+97" />
        <location line="+7" />
        <location line="+59" />
        <source>Data encryption</source>
        <translation>Data encryption</translation>
    </message>
    <message>
        <location line="-161" />
        <source>Encryption protects a lost or stolen laptop: without the key, the database and the photos on its disk cannot be read. It does not protect a laptop left unlocked while FieldKit is open, nor screen captures. Exports and reports are written in clear where you choose.</source>
        <translation>Encryption protects a lost or stolen laptop: without the key, the database and the photos on its disk cannot be read. It does not protect a laptop left unlocked while FieldKit is open, nor screen captures. Exports and reports are written in clear where you choose.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Encrypt…</source>
        <translation>Encrypt…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Change the passphrase…</source>
        <translation>Change the passphrase…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decrypt…</source>
        <translation>Decrypt…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The data of this laptop is encrypted; its key is kept in the system keyring.</source>
        <translation>The data of this laptop is encrypted; its key is kept in the system keyring.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The data of this laptop is encrypted; its key is protected by a passphrase.</source>
        <translation>The data of this laptop is encrypted; its key is protected by a passphrase.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The data of this laptop is not encrypted.</source>
        <translation>The data of this laptop is not encrypted.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Everything has been synced.</source>
        <translation>Everything has been synced.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>FieldKit will close, encrypt the data, then open again.</source>
        <translation>FieldKit will close, encrypt the data, then open again.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Encrypt the data</source>
        <translation>Encrypt the data</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The key will be kept in the system keyring.</source>
        <translation>The key will be kept in the system keyring.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Decrypt the data</source>
        <translation>Decrypt the data</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The database and photos will be stored in clear on this laptop: anyone who copies its disk can read them. FieldKit will close, decrypt, then open again.</source>
        <translation>The database and photos will be stored in clear on this laptop: anyone who copies its disk can read them. FieldKit will close, decrypt, then open again.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Change the passphrase</source>
        <translation>Change the passphrase</translation>
    </message>
    <message>
        <location line="+16" />
        <source>The passphrase was changed.</source>
        <translation>The passphrase was changed.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Data encr&amp;yption…</source>
        <translation>Data encr&amp;yption…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Encrypt this laptop's data, or change its passphrase</source>
        <translation>Encrypt this laptop's data, or change its passphrase</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Encrypting the data…</source>
        <translation>Encrypting the data…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decrypting the data…</source>
        <translation>Decrypting the data…</translation>
    </message>
    <message>
        <location line="+48" />
        <source>The conversion failed; the data was left as it was: %1</source>
        <translation>The conversion failed; the data was left as it was: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The data of this laptop is now encrypted.</source>
        <translation>The data of this laptop is now encrypted.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The data of this laptop is now in clear.</source>
        <translation>The data of this laptop is now in clear.</translation>
    </message>
</context>
<context>
    <name>Erase</name>
    <message>
        <location filename="../../ui/erase.py" line="+22" />
        <source>The place “{title}”</source>
        <translation>The place “{title}”</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The visit of {title}</source>
        <translation>The visit of {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The interview with {title}</source>
        <translation>The interview with {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The photo “{title}”</source>
        <translation>The photo “{title}”</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Visits: {n}</source>
        <translation>Visits: {n}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Interviews, with their notes and quotes: {n}</source>
        <translation>Interviews, with their notes and quotes: {n}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Photos: {n}</source>
        <translation>Photos: {n}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Photo files no other photo uses: {n}</source>
        <translation>Photo files no other photo uses: {n}</translation>
    </message>
    <message>
        <location line="+7" />
        <source>These captions of the visit's photos name this person:</source>
        <translation>These captions of the visit's photos name this person:</translation>
    </message>
    <message>
        <location line="+15" />
        <location line="+21" />
        <location line="+15" />
        <location line="+23" />
        <source>Erase permanently</source>
        <translation>Erase permanently</translation>
    </message>
    <message>
        <location line="-36" />
        <source>Erase permanently? This cannot be undone, not even with Ctrl+Z.</source>
        <translation>Erase permanently? This cannot be undone, not even with Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This destroys, on this computer now and on the server and every other computer at their next sync:</source>
        <translation>This destroys, on this computer now and on the server and every other computer at their next sync:</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Also clear these captions ({n})</source>
        <translation>Also clear these captions ({n})</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Only coordinators and admins can erase records already synced or made by someone else. You can delete it instead, or ask a coordinator.</source>
        <translation>Only coordinators and admins can erase records already synced or made by someone else. You can delete it instead, or ask a coordinator.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/i18n.py" line="+630" />
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
    <message>
        <location line="-436" />
        <source>A place needs a name.</source>
        <translation>A place needs a name.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“%1” is not a known kind of place.</source>
        <translation>“%1” is not a known kind of place.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a French postcode (five digits).</source>
        <translation>“%1” is not a French postcode (five digits).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a known département code.</source>
        <translation>“%1” is not a known département code.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a known région code.</source>
        <translation>“%1” is not a known région code.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The département does not belong to the région “%1”.</source>
        <translation>The département does not belong to the région “%1”.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 is out of range.</source>
        <translation>%1 is out of range.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 must be a number.</source>
        <translation>%1 must be a number.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: “%2” is not a valid date (YYYY-MM-DD).</source>
        <translation>%1: “%2” is not a valid date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1: %2 is not a plausible visit date.</source>
        <translation>%1: %2 is not a plausible visit date.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Unknown visit status.</source>
        <translation>Unknown visit status.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“%1” is not a known role.</source>
        <translation>“%1” is not a known role.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a known consent state.</source>
        <translation>“%1” is not a known consent state.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A photo must name a stored photo file.</source>
        <translation>A photo must name a stored photo file.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown kind of record.</source>
        <translation>Unknown kind of record.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This record has no field “%1”.</source>
        <translation>This record has no field “%1”.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The record it belongs to no longer exists.</source>
        <translation>The record it belongs to no longer exists.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This record no longer exists.</source>
        <translation>This record no longer exists.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This record already exists.</source>
        <translation>This record already exists.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A value is not valid.</source>
        <translation>A value is not valid.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Something went wrong.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>FieldKit cannot open this database.</source>
        <translation>FieldKit cannot open this database.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>This file cannot be imported.</source>
        <translation>This file cannot be imported.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file does not exist.</source>
        <translation>This file does not exist.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is a folder, not a CSV file.</source>
        <translation>This is a folder, not a CSV file.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file cannot be read.</source>
        <translation>This file cannot be read.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is not a CSV text file.</source>
        <translation>This is not a CSV text file.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file is empty.</source>
        <translation>This file is empty.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file is not a valid CSV file.</source>
        <translation>This file is not a valid CSV file.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This line is not valid CSV (%1).</source>
        <translation>This line is not valid CSV (%1).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This file is neither UTF-8 nor Windows-1252 text.</source>
        <translation>This file is neither UTF-8 nor Windows-1252 text.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The file has no name column (expected “nom” or “name”).</source>
        <translation>The file has no name column (expected “nom” or “name”).</translation>
    </message>
    <message>
        <location line="-50" />
        <source>This data was written by a newer FieldKit (schema %1; this one reads up to %2). Update FieldKit to open it.</source>
        <translation>This data was written by a newer FieldKit (schema %1; this one reads up to %2). Update FieldKit to open it.</translation>
    </message>
    <message>
        <location line="-9" />
        <source>A number is out of the range this field accepts.</source>
        <translation>A number is out of the range this field accepts.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A file FieldKit ships is missing from this installation: reinstall FieldKit.</source>
        <translation>A file FieldKit ships is missing from this installation: reinstall FieldKit.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>“%1” is not the INSEE code of a commune.</source>
        <translation>“%1” is not the INSEE code of a commune.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Postcode %1 is in %2, which is not a département: FieldKit files places in the départements and régions of France only.</source>
        <translation>Postcode %1 is in %2, which is not a département: FieldKit files places in the départements and régions of France only.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>A place cannot be merged with itself.</source>
        <translation>A place cannot be merged with itself.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Several communes match this postcode and name: %1.</source>
        <translation>Several communes match this postcode and name: %1.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No commune matches this postcode and name.</source>
        <translation>No commune matches this postcode and name.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This postcode is not in a French département or région.</source>
        <translation>This postcode is not in a French département or région.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The commune of “%1” is not settled: it is listed to settle.</source>
        <translation>The commune of “%1” is not settled: it is listed to settle.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The file says %1, but %2 is in %3: filed in %3.</source>
        <translation>The file says %1, but %2 is in %3: filed in %3.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>This place was deleted; it is not re-created.</source>
        <translation>This place was deleted; it is not re-created.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Same place as line %1 (%2); line skipped.</source>
        <translation>Same place as line %1 (%2); line skipped.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>“%1” is not a FieldKit id; the place was matched by name and postcode.</source>
        <translation>“%1” is not a FieldKit id; the place was matched by name and postcode.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unknown kind of place “%1”: imported as “Other”, kept as a tag.</source>
        <translation>Unknown kind of place “%1”: imported as “Other”, kept as a tag.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A quote opened on this line is not closed before line %1: line skipped, the next lines are read as lines of their own. Close or remove the quote.</source>
        <translation>A quote opened on this line is not closed before line %1: line skipped, the next lines are read as lines of their own. Close or remove the quote.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This line has %1 cells, the header %2: the extra cells (%3) have no column; line skipped (a separator inside an unquoted cell shifts the columns).</source>
        <translation>This line has %1 cells, the header %2: the extra cells (%3) have no column; line skipped (a separator inside an unquoted cell shifts the columns).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>This line is in %1, the rest of the file in %2: read as %1; check its accents.</source>
        <translation>This line is in %1, the rest of the file in %2: read as %1; check its accents.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>INSEE code %1 is %2 (%3), but %4 is %5: line skipped; correct the code, or the postcode and commune.</source>
        <translation>INSEE code %1 is %2 (%3), but %4 is %5: line skipped; correct the code, or the postcode and commune.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Nothing was changed: these items of the data folder cannot be copied (not a regular file or folder, or unreadable): %1. Move them out of the folder, or make them readable, and try again.</source>
        <translation>Nothing was changed: these items of the data folder cannot be copied (not a regular file or folder, or unreadable): %1. Move them out of the folder, or make them readable, and try again.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The demo mission could not be built.</source>
        <translation>The demo mission could not be built.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not saved: this record was changed elsewhere meanwhile (a sync, another program). What is shown now is the latest; make your change again.</source>
        <translation>Not saved: this record was changed elsewhere meanwhile (a sync, another program). What is shown now is the latest; make your change again.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The demo mission is already in this database.</source>
        <translation>The demo mission is already in this database.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cancelled; nothing was changed.</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The export failed.</source>
        <translation>The export failed.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown export format.</source>
        <translation>Unknown export format.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is a file; the export needs a folder.</source>
        <translation>This is a file; the export needs a folder.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The files cannot be written there (check the folder and the disk).</source>
        <translation>The files cannot be written there (check the folder and the disk).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The period ends before it starts.</source>
        <translation>The period ends before it starts.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown photo quality.</source>
        <translation>Unknown photo quality.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This photo could not be imported.</source>
        <translation>This photo could not be imported.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown kind of photo copy.</source>
        <translation>Unknown kind of photo copy.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The original of this photo is not on this computer yet; sync to fetch it.</source>
        <translation>The original of this photo is not on this computer yet; sync to fetch it.</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+3" />
        <source>This data folder cannot hold photos.</source>
        <translation>This data folder cannot hold photos.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The synchronisation failed; your changes stay on this computer.</source>
        <translation>The synchronisation failed; your changes stay on this computer.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The sync server cannot be reached. Nothing was lost: your changes stay on this computer; sync again later.</source>
        <translation>The sync server cannot be reached. Nothing was lost: your changes stay on this computer; sync again later.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The sync server keeps changing identity (restored from backups); nothing was lost here, sync again later.</source>
        <translation>The sync server keeps changing identity (restored from backups); nothing was lost here, sync again later.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Sync cancelled; what was done so far is kept.</source>
        <translation>Sync cancelled; what was done so far is kept.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You are not signed in to a sync server.</source>
        <translation>You are not signed in to a sync server.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This is the demo mission: it never signs in nor synchronises. Open your mission file (File → Open a mission…) to work with your team's server.</source>
        <translation>This is the demo mission: it never signs in nor synchronises. Open your mission file (File → Open a mission…) to work with your team's server.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>“%1” is not a server address; it should look like https://host:port.</source>
        <translation>“%1” is not a server address; it should look like https://host:port.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Login refused: wrong user name or password.</source>
        <translation>Login refused: wrong user name or password.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Your login to the server has expired (unused too long, or too old): sign in again. Nothing on this computer is lost.</source>
        <translation>Your login to the server has expired (unused too long, or too old): sign in again. Nothing on this computer is lost.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This password is too long (1,000 characters at most).</source>
        <translation>This password is too long (1,000 characters at most).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This password is among the most common ones; choose another.</source>
        <translation>This password is among the most common ones; choose another.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This photo was erased for privacy: the server does not take it again. It stays on this computer only.</source>
        <translation>This photo was erased for privacy: the server does not take it again. It stays on this computer only.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The server's disk is full; nothing was lost here. Sync again later and tell your coordinator.</source>
        <translation>The server's disk is full; nothing was lost here. Sync again later and tell your coordinator.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Your photos on the server have reached your quota; the rest stays on this computer. Ask the administrator for more room.</source>
        <translation>Your photos on the server have reached your quota; the rest stays on this computer. Ask the administrator for more room.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Too many failed logins; wait a few minutes and try again.</source>
        <translation>Too many failed logins; wait a few minutes and try again.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No password was given.</source>
        <translation>No password was given.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The server did not answer for every change sent; sync again.</source>
        <translation>The server did not answer for every change sent; sync again.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A page sent by the server could not be read; nothing of it was applied. Sync again; if it happens again, report it.</source>
        <translation>A page sent by the server could not be read; nothing of it was applied. Sync again; if it happens again, report it.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The server named a photo file in a form that is not a photo's fingerprint; that record was set aside and nothing was written for it. Report it.</source>
        <translation>The server named a photo file in a form that is not a photo's fingerprint; that record was set aside and nothing was written for it. Report it.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>A photo arrived damaged; it was discarded, sync again.</source>
        <translation>A photo arrived damaged; it was discarded, sync again.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server answered with an error; sync again later.</source>
        <translation>The server answered with an error; sync again later.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This conflict is already resolved.</source>
        <translation>This conflict is already resolved.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The record is deleted; choose to keep it before editing it.</source>
        <translation>The record is deleted; choose to keep it before editing it.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The server refused: this is outside your régions or rights.</source>
        <translation>The server refused: this is outside your régions or rights.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused a request it could not read.</source>
        <translation>The server refused a request it could not read.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Your sign-in has expired; sign in again.</source>
        <translation>Your sign-in has expired; sign in again.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You are not signed in to the server; sign in again.</source>
        <translation>You are not signed in to the server; sign in again.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This is over the server's size limit.</source>
        <translation>This is over the server's size limit.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A photo sent to the server was refused (wrong fingerprint).</source>
        <translation>A photo sent to the server was refused (wrong fingerprint).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused a malformed request.</source>
        <translation>The server refused a malformed request.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused an incomplete request.</source>
        <translation>The server refused an incomplete request.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A photo upload was cut short; sync again to resume it.</source>
        <translation>A photo upload was cut short; sync again to resume it.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A photo upload got out of step; sync again to resume it.</source>
        <translation>A photo upload got out of step; sync again to resume it.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Part of a photo arrived damaged; sync again to send it again.</source>
        <translation>Part of a photo arrived damaged; sync again to send it again.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused an upload sent in the wrong format.</source>
        <translation>The server refused an upload sent in the wrong format.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server speaks another version of the upload protocol.</source>
        <translation>The server speaks another version of the upload protocol.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Someone else is sending the same photo right now; sync again shortly.</source>
        <translation>Someone else is sending the same photo right now; sync again shortly.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A trusted proxy must be an IP address or network, e.g. 10.0.0.5.</source>
        <translation>A trusted proxy must be an IP address or network, e.g. 10.0.0.5.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A user name is 1–100 characters without spaces.</source>
        <translation>A user name is 1–100 characters without spaces.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A password needs at least 8 characters.</source>
        <translation>A password needs at least 8 characters.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>An agent needs at least one région.</source>
        <translation>An agent needs at least one région.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This user already exists.</source>
        <translation>This user already exists.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>There is no such user.</source>
        <translation>There is no such user.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wrong passphrase for this data: nothing was opened or changed.</source>
        <translation>Wrong passphrase for this data: nothing was opened or changed.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This data is encrypted: its passphrase is needed to open it.</source>
        <translation>This data is encrypted: its passphrase is needed to open it.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The passphrase must have at least 8 characters.</source>
        <translation>The passphrase must have at least 8 characters.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The key of this encrypted data is not in this computer's keyring, so it cannot be read. What was synced can be recovered by signing in again in a new data folder.</source>
        <translation>The key of this encrypted data is not in this computer's keyring, so it cannot be read. What was synced can be recovered by signing in again in a new data folder.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The key could not be saved in the system keyring: use a passphrase.</source>
        <translation>The key could not be saved in the system keyring: use a passphrase.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The database does not match this data's key, or it is damaged.</source>
        <translation>The database does not match this data's key, or it is damaged.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The encryption settings of this data folder cannot be read.</source>
        <translation>The encryption settings of this data folder cannot be read.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>An encrypted photo file is damaged or was sealed with another key.</source>
        <translation>An encrypted photo file is damaged or was sealed with another key.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This data is already encrypted.</source>
        <translation>This data is already encrypted.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This data is not encrypted.</source>
        <translation>This data is not encrypted.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The encrypted data of this laptop cannot be opened.</source>
        <translation>The encrypted data of this laptop cannot be opened.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Only coordinators and admins can erase records already synced or made by someone else. You can delete it instead, or ask a coordinator.</source>
        <translation>Only coordinators and admins can erase records already synced or made by someone else. You can delete it instead, or ask a coordinator.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This FieldKit cannot open encrypted data (SQLCipher is missing).</source>
        <translation>This FieldKit cannot open encrypted data (SQLCipher is missing).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This FieldKit's SQLCipher has no full-text search (FTS5): encrypted data cannot be opened.</source>
        <translation>This FieldKit's SQLCipher has no full-text search (FTS5): encrypted data cannot be opened.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This FieldKit's SQLCipher is not version 4.</source>
        <translation>This FieldKit's SQLCipher is not version 4.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This mission file cannot be used.</source>
        <translation>This mission file cannot be used.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is not a FieldKit mission file.</source>
        <translation>This is not a FieldKit mission file.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This mission file was changed after the server issued it (its signature does not match). Ask the coordinator for a new mission file.</source>
        <translation>This mission file was changed after the server issued it (its signature does not match). Ask the coordinator for a new mission file.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This mission file was not issued by the server at %1. Nothing was sent to it. Ask the coordinator for a mission file from the mission's own server.</source>
        <translation>This mission file was not issued by the server at %1. Nothing was sent to it. Ask the coordinator for a mission file from the mission's own server.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This mission file was made for a newer FieldKit: update FieldKit.</source>
        <translation>This mission file was made for a newer FieldKit: update FieldKit.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server presents another certificate than the one in the mission file. Nothing was sent to it. Ask the coordinator whether its certificate changed.</source>
        <translation>The server presents another certificate than the one in the mission file. Nothing was sent to it. Ask the coordinator whether its certificate changed.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Give your user name.</source>
        <translation>Give your user name.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This address does not answer as a FieldKit server.</source>
        <translation>This address does not answer as a FieldKit server.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server's mission settings cannot be read.</source>
        <translation>The server's mission settings cannot be read.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a version number like 0.2.0.</source>
        <translation>“%1” is not a version number like 0.2.0.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The mission has no name: give one.</source>
        <translation>The mission has no name: give one.</translation>
    </message>
</context>
<context>
    <name>FieldChoice</name>
    <message>
        <location filename="../../ui/sync/conflicts_view.py" line="-179" />
        <source>Before both changes: %1</source>
        <translation>Before both changes: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Value to keep (edit it to merge both):</source>
        <translation>&amp;Value to keep (edit it to merge both):</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Keep theirs</source>
        <translation>Keep theirs</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep mine</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Theirs: %1</source>
        <translation>Theirs: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mine: %1</source>
        <translation>Mine: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location line="+0" />
        <source>kept</source>
        <translation>kept</translation>
    </message>
    <message>
        <location line="+4" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../ui/sync/history_dialog.py" line="+73" />
        <source>yes</source>
        <extracomment>A long text is shown in the table as the words around its first change.</extracomment>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+2" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+68" />
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Restored</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+18" />
        <source>server</source>
        <translation>server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Conflict on %1</source>
        <translation>Conflict on %1</translation>
    </message>
    <message>
        <location line="+18" />
        <source>kept the value sent</source>
        <translation>kept the value sent</translation>
    </message>
    <message>
        <location line="+1" />
        <source>kept the server's value</source>
        <translation>kept the server's value</translation>
    </message>
    <message>
        <location line="+1" />
        <source>merged by hand</source>
        <translation>merged by hand</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Conflict resolved</source>
        <translation>Conflict resolved</translation>
    </message>
    <message>
        <location line="+9" />
        <source>this computer</source>
        <translation>this computer</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not sent yet</source>
        <translation>Not sent yet</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location line="+120" />
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+4" />
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+96" />
        <source>not logged in to a sync server</source>
        <translation>not logged in to a sync server</translation>
    </message>
    <message>
        <location line="-94" />
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <location line="-18" />
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Details of the event</source>
        <translation>Details of the event</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Up to date with the server.</source>
        <translation>Up to date with the server.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <location line="+0" />
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <location line="+56" />
        <source>History — %1</source>
        <translation>History — %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Offline (%1): the history received on %2.</source>
        <translation>Offline (%1): the history received on %2.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Offline (%1): only what this computer knows (its conflicts and unsent changes).</source>
        <translation>Offline (%1): only what this computer knows (its conflicts and unsent changes).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>this record is outside your régions</source>
        <translation>this record is outside your régions</translation>
    </message>
    <message>
        <location line="+4" />
        <source>the server has no such record in your régions (not sent yet, or elsewhere)</source>
        <translation>the server has no such record in your régions (not sent yet, or elsewhere)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the server cannot be reached</source>
        <translation>the server cannot be reached</translation>
    </message>
    <message>
        <location line="-99" />
        <source>The history could not be read: %1</source>
        <translation>The history could not be read: %1</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="-89" />
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="+0" />
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../ui/photos_tab.py" line="+201" />
        <source>Photo import</source>
        <extracomment>Extensions taken from a dropped folder (files dropped one by one are all tried, and the importer explains what it refuses).</extracomment>
        <translation>Photo import</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n photo(s) imported.</source>
        <translation><numerusform>%n photo imported.</numerusform><numerusform>%n photos imported.</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import cancelled.</source>
        <translation>Import cancelled.</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n file(s) already in this visit, skipped:</source>
        <translation><numerusform>%n file already in this visit, skipped:</numerusform><numerusform>%n files already in this visit, skipped:</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Why it was refused</source>
        <translation>Why it was refused</translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n file(s) refused:</source>
        <translation><numerusform>%n file refused:</numerusform><numerusform>%n files refused:</numerusform></translation>
    </message>
    <message>
        <location line="+10" />
        <source>This is not an image (or not a format FieldKit reads).</source>
        <translation>This is not an image (or not a format FieldKit reads).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This image format is not supported (JPEG, HEIC, PNG, WebP, TIFF, AVIF are).</source>
        <translation>This image format is not supported (JPEG, HEIC, PNG, WebP, TIFF, AVIF are).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The file is truncated: it ends before the image does.</source>
        <translation>The file is truncated: it ends before the image does.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The image is damaged and cannot be read.</source>
        <translation>The image is damaged and cannot be read.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The image declares far too many pixels (a possible decompression bomb).</source>
        <translation>The image declares far too many pixels (a possible decompression bomb).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The image declares an empty size.</source>
        <translation>The image declares an empty size.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is empty.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is too large for a photo.</source>
        <translation>The file is too large for a photo.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file was not found.</source>
        <translation>The file was not found.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is not a file.</source>
        <translation>This is not a file.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file cannot be read (check its permissions).</source>
        <translation>The file cannot be read (check its permissions).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file could not be copied (is the disk full?).</source>
        <translation>The file could not be copied (is the disk full?).</translation>
    </message>
</context>
<context>
    <name>Interview</name>
    <message>
        <location filename="../../ui/interview_model.py" line="+27" />
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location line="+1" />
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Elected official</source>
        <translation>Elected official</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Given</source>
        <translation>Given</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not asked</source>
        <translation>Not asked</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <location filename="../../ui/interviews_tab.py" line="+137" />
        <source>Edit interview</source>
        <extracomment>The stored interview this dialog edits (its values are the base of the save).</extracomment>
        <translation>Edit interview</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New interview</source>
        <translation>New interview</translation>
    </message>
    <message>
        <location line="+1" />
        <source>First and last name</source>
        <translation>First and last name</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Pseudonymise in reports</source>
        <translation>Pseudonymise in reports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>One quote per line</source>
        <translation>One quote per line</translation>
    </message>
    <message>
        <location line="+1" />
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date of consent</source>
        <translation>Date of consent</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Consent:</source>
        <translation>&amp;Consent:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notes:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Key &amp;quotes:</source>
        <translation>Key &amp;quotes:</translation>
    </message>
    <message>
        <location line="+47" />
        <source>Changed elsewhere while you were editing; your values are kept and OK saves them. The other values were: %1</source>
        <translation>Changed elsewhere while you were editing; your values are kept and OK saves them. The other values were: %1</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Without consent the person is always pseudonymised in every output.</source>
        <translation>Without consent the person is always pseudonymised in every output.</translation>
    </message>
</context>
<context>
    <name>InterviewModel</name>
    <message>
        <location filename="../../ui/interview_model.py" line="+66" />
        <source>(no name)</source>
        <extracomment>The raw value of the column (role/consent codes, bool), for sorting and tests.</extracomment>
        <translation>(no name)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>{consent} on {date}</source>
        <translation>{consent} on {date}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Yes (no consent)</source>
        <translation>Yes (no consent)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pseudonymised</source>
        <translation>Pseudonymised</translation>
    </message>
</context>
<context>
    <name>InterviewsTab</name>
    <message>
        <location filename="../../ui/interviews_tab.py" line="+110" />
        <source>&amp;Add an interview…</source>
        <extracomment>The dialog just opened (tests and the shell may reach it; it is window-modal).</extracomment>
        <translation>&amp;Add an interview…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Erase permanently…</source>
        <translation>Erase permanently…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Destroy this interview everywhere, for good (a person's erasure request)</source>
        <translation>Destroy this interview everywhere, for good (a person's erasure request)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;History…</source>
        <translation>&amp;History…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviews of the visit</source>
        <translation>Interviews of the visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Who changed this interview, and when</source>
        <translation>Who changed this interview, and when</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the selected interview (Ctrl+Z to undo)</source>
        <translation>Delete the selected interview (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete interview</source>
        <translation>Delete interview</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No interview yet. Add the people you met with “Add an interview…”.</source>
        <translation>No interview yet. Add the people you met with “Add an interview…”.</translation>
    </message>
    <message>
        <location line="+197" />
        <source>Delete interview with {name}</source>
        <translation>Delete interview with {name}</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Add interview with {name}</source>
        <translation>Add interview with {name}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit interview with {name}</source>
        <translation>Edit interview with {name}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/i18n.py" line="-466" />
        <source>Coworking space</source>
        <translation>Coworking space</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fablab</source>
        <translation>Fablab</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rural hub</source>
        <translation>Rural hub</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shared workshop</source>
        <translation>Shared workshop</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Living lab</source>
        <translation>Living lab</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cultural third place</source>
        <translation>Cultural third place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Département</source>
        <translation>Département</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Région</source>
        <translation>Région</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit date</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="+70" />
        <source>Sign in to the sync server</source>
        <translation>Sign in to the sync server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server &amp;address:</source>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Give the server address, your user name and your password.</source>
        <translation>Give the server address, your user name and your password.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing was sent: tick the box to send your password.</source>
        <translation>Nothing was sent: tick the box to send your password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+479" />
        <location filename="../../ui/selftest.py" line="+33" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Synchronisation</source>
        <translation>&amp;Synchronisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New &amp;place…</source>
        <translation>New &amp;place…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Create a place (Ctrl+Shift+N)</source>
        <translation>Create a place (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New &amp;visit</source>
        <translation>New &amp;visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New visit for the selected place (Ctrl+N)</source>
        <translation>New visit for the selected place (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New &amp;interview…</source>
        <translation>New &amp;interview…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Add an interview to the selected visit (Ctrl+Shift+I)</source>
        <translation>Add an interview to the selected visit (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Edit place…</source>
        <translation>&amp;Edit place…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import a list of places (&amp;CSV)…</source>
        <translation>Import a list of places (&amp;CSV)…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import photos into the visit (Ctrl+I)</source>
        <translation>Import photos into the visit (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Explore the &amp;demo mission</source>
        <translation>Explore the &amp;demo mission</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Delete the &amp;place</source>
        <translation>Delete the &amp;place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the &amp;visit</source>
        <translation>Delete the &amp;visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>History of the place…</source>
        <translation>History of the place…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Who changed what, and when, on the selected place</source>
        <translation>Who changed what, and when, on the selected place</translation>
    </message>
    <message>
        <location line="+2" />
        <source>History of the visit…</source>
        <translation>History of the visit…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Who changed what, and when, on the selected visit</source>
        <translation>Who changed what, and when, on the selected visit</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Erase the place permanently…</source>
        <translation>Erase the place permanently…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Erase the visit permanently…</source>
        <translation>Erase the visit permanently…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Search…</source>
        <translation>&amp;Search…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Writing mode</source>
        <translation>&amp;Writing mode</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Only the notes of the visit, filling the window (F11; Esc to return)</source>
        <translation>Only the notes of the visit, filling the window (F11; Esc to return)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;About FieldKit</source>
        <translation>&amp;About FieldKit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search places, visits, interviews (Ctrl+F)</source>
        <translation>Search places, visits, interviews (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Welcome to FieldKit</source>
        <translation>Welcome to FieldKit</translation>
    </message>
    <message>
        <location line="+3" />
        <source>There is no place in this mission yet. Start by adding the tiers-lieux you will visit, or explore a demo mission to see how it works.</source>
        <translation>There is no place in this mission yet. Start by adding the tiers-lieux you will visit, or explore a demo mission to see how it works.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>New place…</source>
        <translation>New place…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import a list of places (CSV)…</source>
        <translation>Import a list of places (CSV)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Explore the demo mission</source>
        <translation>Explore the demo mission</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open a mission…</source>
        <translation>Open a mission…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Undo %1</source>
        <translation>&amp;Undo %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="-1" />
        <source>&amp;Redo %1</source>
        <translation>&amp;Redo %1</translation>
    </message>
    <message>
        <location line="-77" />
        <source>Field visits to tiers-lieux</source>
        <translation>Field visits to tiers-lieux</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Import p&amp;hotos…</source>
        <translation>Import p&amp;hotos…</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Places by région and département</source>
        <translation>Places by région and département</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing to undo</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing to redo</source>
        <translation>Nothing to redo</translation>
    </message>
    <message>
        <location line="+55" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Never synchronised</source>
        <translation>Never synchronised</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n change(s) to send</source>
        <translation><numerusform>%n change to send</numerusform><numerusform>%n changes to send</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n conflict(s)</source>
        <translation><numerusform>%n conflict</numerusform><numerusform>%n conflicts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+241" />
        <source>%n visit(s)</source>
        <translation><numerusform>%n visit</numerusform><numerusform>%n visits</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search results — %1</source>
        <translation>Search results — %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>All visits — %1</source>
        <translation>All visits — %1</translation>
    </message>
    <message>
        <location line="+80" />
        <source>Type at least two letters…</source>
        <translation>Type at least two letters…</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n result(s)</source>
        <translation><numerusform>%n result</numerusform><numerusform>%n results</numerusform></translation>
    </message>
    <message>
        <location line="+99" />
        <source>Place “%1” deleted — Ctrl+Z to undo.</source>
        <translation>Place “%1” deleted — Ctrl+Z to undo.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Select a place first.</source>
        <translation>Select a place first.</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Visit deleted — Ctrl+Z to undo.</source>
        <translation>Visit deleted — Ctrl+Z to undo.</translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>Erased for good: %n record(s). The next sync carries the erasure everywhere.</source>
        <translation><numerusform>Erased for good: %n record. The next sync carries the erasure everywhere.</numerusform><numerusform>Erased for good: %n records. The next sync carries the erasure everywhere.</numerusform></translation>
    </message>
    <message>
        <location line="+40" />
        <source>FieldKit</source>
        <translation>FieldKit</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Could not read the mission: %1</source>
        <translation>Could not read the mission: %1</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Import a list of places</source>
        <translation>Import a list of places</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Importing places…</source>
        <translation>Importing places…</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Demo mission</source>
        <translation>Demo mission</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Building the demo mission…</source>
        <translation>Building the demo mission…</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Demo mission ready: %1 places, %2 visits.</source>
        <translation>Demo mission ready: %1 places, %2 visits.</translation>
    </message>
</context>
<context>
    <name>MapAction</name>
    <message>
        <location filename="../../ui/map_view.py" line="-214" />
        <source>&amp;Map</source>
        <translation>&amp;Map</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The places of the selection on a map (Ctrl+M)</source>
        <translation>The places of the selection on a map (Ctrl+M)</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location line="+65" />
        <source>Geography: INSEE (Code officiel géographique 2025, grille communale de densité, aires d'attraction des villes, populations), La Poste (base officielle des codes postaux), IGN (Admin Express outlines), under the Licence Ouverte / Etalab 2.0.</source>
        <translation>Geography: INSEE (Code officiel géographique 2025, grille communale de densité, aires d'attraction des villes, populations), La Poste (base officielle des codes postaux), IGN (Admin Express outlines), under the Licence Ouverte / Etalab 2.0.</translation>
    </message>
</context>
<context>
    <name>MapWindow</name>
    <message>
        <location line="-203" />
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Map of the places</source>
        <translation>Map of the places</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Map: %1</source>
        <translation>Map: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+21" />
        <source>visited</source>
        <translation>visited</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+19" />
        <source>not visited yet</source>
        <translation>not visited yet</translation>
    </message>
    <message>
        <location line="-18" />
        <source>no coordinates: at the commune centre (approximate)</source>
        <translation>no coordinates: at the commune centre (approximate)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>wheel to zoom, drag to move, click a point to open it</source>
        <translation>wheel to zoom, drag to move, click a point to open it</translation>
    </message>
    <message>
        <location line="+16" />
        <source>approximate position: commune centre</source>
        <translation>approximate position: commune centre</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Mission overview</source>
        <translation>Mission overview</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 places listed, %2 visited</source>
        <translation>%1 places listed, %2 visited</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 outside the grands centres urbains (density grid, level 1)</source>
        <translation>%1 outside the grands centres urbains (density grid, level 1)</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+11" />
        <source>%1 of the visited</source>
        <translation>%1 of the visited</translation>
    </message>
    <message>
        <location line="-5" />
        <source>%1 outside any aire d'attraction des villes (INSEE zoning 2020)</source>
        <translation>%1 outside any aire d'attraction des villes (INSEE zoning 2020)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>%1 place(s) without a settled commune</source>
        <translation>%1 place(s) without a settled commune</translation>
    </message>
    <message>
        <location line="+2" />
        <source>By density level</source>
        <translation>By density level</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1. %2: %3 (%4)</source>
        <translation>%1. %2: %3 (%4)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Per 100,000 inhabitants</source>
        <translation>Per 100,000 inhabitants</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 %2: %3 (%4)</source>
        <translation>%1 %2: %3 (%4)</translation>
    </message>
</context>
<context>
    <name>Mission</name>
    <message>
        <location filename="../../ui/mission.py" line="+54" />
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The mission's server cannot be reached. Try again once this computer is online.</source>
        <translation>The mission's server cannot be reached. Try again once this computer is online.</translation>
    </message>
</context>
<context>
    <name>MissionDialog</name>
    <message>
        <location line="+52" />
        <source>Open a mission</source>
        <translation>Open a mission</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This mission file sets up the sync server. Give your password to sign in.</source>
        <translation>This mission file sets up the sync server. Give your password to sign in.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Mission:</source>
        <translation>Mission:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>User name:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sign in and synchronise</source>
        <translation>Sign in and synchronise</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Give your user name and your password.</source>
        <translation>Give your user name and your password.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing was sent: tick the box to send your password.</source>
        <translation>Nothing was sent: tick the box to send your password.</translation>
    </message>
</context>
<context>
    <name>MissionUi</name>
    <message>
        <location line="+123" />
        <source>Open a &amp;mission…</source>
        <translation>Open a &amp;mission…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set up the sync server from the coordinator's file</source>
        <translation>Set up the sync server from the coordinator's file</translation>
    </message>
    <message>
        <location line="+31" />
        <location line="+14" />
        <source>Open a mission</source>
        <translation>Open a mission</translation>
    </message>
    <message>
        <location line="-12" />
        <source>FieldKit missions (*.fieldkit)</source>
        <translation>FieldKit missions (*.fieldkit)</translation>
    </message>
    <message>
        <location line="+56" />
        <source>Mission set up: first synchronisation…</source>
        <translation>Mission set up: first synchronisation…</translation>
    </message>
</context>
<context>
    <name>NavTreeModel</name>
    <message>
        <location filename="../../ui/models.py" line="+218" />
        <source>(no code)</source>
        <extracomment>Custom roles shared by the models. Big row lists waiting to be freed once the event loop is idle again.</extracomment>
        <translation>(no code)</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../../ui/i18n.py" line="-49" />
        <source>%1%</source>
        <extracomment>The languages offered in Affichage → Langue, with their names in their own language. How every date field of the app shows a date (QDateEdit.displayFormat), in any language.</extracomment>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>Pending</name>
    <message>
        <location filename="../../ui/sync/pending_view.py" line="+52" />
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="+1" />
        <source>KB</source>
        <translation>KB</translation>
    </message>
    <message>
        <location line="+1" />
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location line="+1" />
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <location line="+55" />
        <source>What it belongs to is not on the server (refused, or not sent yet).</source>
        <translation>What it belongs to is not on the server (refused, or not sent yet).</translation>
    </message>
    <message>
        <location line="+6" />
        <location line="+2" />
        <source>The server refused this change.</source>
        <translation>The server refused this change.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>It is set aside; your other changes are sent without it.</source>
        <translation>It is set aside; your other changes are sent without it.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo file missing</source>
        <translation>Photo file missing</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change to send</source>
        <translation>Change to send</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo to send</source>
        <translation>Photo to send</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflict resolution to send</source>
        <translation>Conflict resolution to send</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
</context>
<context>
    <name>PendingDialog</name>
    <message>
        <location line="+129" />
        <location line="+1" />
        <source>What is left to send</source>
        <translation>What is left to send</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open the record</source>
        <translation>&amp;Open the record</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fix it there: once edited, a refused change is sent again at the next sync.</source>
        <translation>Fix it there: once edited, a refused change is sent again at the next sync.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Send &amp;again</source>
        <translation>Send &amp;again</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Discard this change</source>
        <translation>&amp;Discard this change</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Give it up: the record here goes back to what the server holds.</source>
        <translation>Give it up: the record here goes back to what the server holds.</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location line="-78" />
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>PendingTexts</name>
    <message>
        <location line="-137" />
        <source>Nothing is sent from the demo</source>
        <translation>Nothing is sent from the demo</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Everything is sent</source>
        <translation>Everything is sent</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s)</source>
        <translation><numerusform>%n change</numerusform><numerusform>%n changes</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n photo(s)</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n photo file(s) missing</source>
        <translation><numerusform>%n photo file missing</numerusform><numerusform>%n photo files missing</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n refused</source>
        <translation><numerusform>%n refused</numerusform><numerusform>%n refused</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n resolution(s)</source>
        <translation><numerusform>%n resolution</numerusform><numerusform>%n resolutions</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>To send: %1</source>
        <translation>To send: %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>creation</source>
        <translation>creation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>modification</source>
        <translation>modification</translation>
    </message>
    <message>
        <location line="+1" />
        <source>deletion</source>
        <translation>deletion</translation>
    </message>
    <message>
        <location line="+1" />
        <source>restoration</source>
        <translation>restoration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>resolution</source>
        <translation>resolution</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../ui/photo_model.py" line="+229" />
        <source>(no caption)</source>
        <extracomment>Drag-and-drop type for reordering photos inside the grid (a JSON list of photo ids). True once the row's real thumbnail is loaded (False: placeholder shown).</extracomment>
        <translation>(no caption)</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Taken {when}</source>
        <translation>Taken {when}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not in the report</source>
        <translation>Not in the report</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../ui/photo_viewer.py" line="+90" />
        <source>◀ Previous</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Photo {n} of {total} — {name}</source>
        <translation>Photo {n} of {total} — {name}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Downloading the photo from the server…</source>
        <translation>Downloading the photo from the server…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>The original of this photo is not on this computer yet (it will come with the next sync).</source>
        <translation>The original of this photo is not on this computer yet (it will come with the next sync).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>This photo cannot be shown: {error}</source>
        <translation>This photo cannot be shown: {error}</translation>
    </message>
</context>
<context>
    <name>PhotosTab</name>
    <message>
        <location filename="../../ui/photos_tab.py" line="+101" />
        <source>&amp;Import photos…</source>
        <translation>&amp;Import photos…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import photos (Ctrl+I), or drop files here</source>
        <translation>Import photos (Ctrl+I), or drop files here</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move &amp;earlier</source>
        <translation>Move &amp;earlier</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move &amp;later</source>
        <translation>Move &amp;later</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos of the visit</source>
        <translation>Photos of the visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the selected photos (Ctrl+Z to undo)</source>
        <translation>Delete the selected photos (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete photos</source>
        <translation>Delete photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What the photo shows</source>
        <translation>What the photo shows</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Include in the report</source>
        <translation>Include in the report</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No photos yet. Drag photos from your file manager here, or use “Import photos…” (Ctrl+I).</source>
        <translation>No photos yet. Drag photos from your file manager here, or use “Import photos…” (Ctrl+I).</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Caption:</source>
        <translation>&amp;Caption:</translation>
    </message>
    <message>
        <location line="+84" />
        <source>Import photos</source>
        <translation>Import photos</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;All files (*)</source>
        <translation>Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;All files (*)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>An import is already running.</source>
        <translation>An import is already running.</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>Importing %n photo(s)…</source>
        <translation><numerusform>Importing %n photo…</numerusform><numerusform>Importing %n photos…</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Photo import</source>
        <translation>Photo import</translation>
    </message>
    <message numerus="yes">
        <location line="+45" />
        <source>%n photo(s) imported.</source>
        <translation><numerusform>%n photo imported.</numerusform><numerusform>%n photos imported.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+66" />
        <source>Reorder %n photo(s)</source>
        <translation><numerusform>Reorder %n photo</numerusform><numerusform>Reorder %n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Delete %n photo(s)</source>
        <translation><numerusform>Delete %n photo</numerusform><numerusform>Delete %n photos</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Delete photo</source>
        <translation>Delete photo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit photo caption</source>
        <translation>Edit photo caption</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Include photo in report</source>
        <translation>Include photo in report</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Leave photo out of report</source>
        <translation>Leave photo out of report</translation>
    </message>
    <message numerus="yes">
        <location line="+57" />
        <source>%n photo(s) selected.</source>
        <translation><numerusform>%n photo selected.</numerusform><numerusform>%n photos selected.</numerusform></translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <location filename="../../ui/place_dialog.py" line="+155" />
        <source>Edit place</source>
        <extracomment>The fields this dialog edits, in the order of the form.</extracomment>
        <translation>Edit place</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New place</source>
        <translation>New place</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Postcode:</source>
        <translation>&amp;Postcode:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Département:</source>
        <translation>Département:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Région:</source>
        <translation>Région:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Commune:</source>
        <translation>&amp;Commune:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>INSEE code:</source>
        <translation>INSEE code:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>La&amp;titude:</source>
        <translation>La&amp;titude:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lon&amp;gitude:</source>
        <translation>Lon&amp;gitude:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Website:</source>
        <translation>&amp;Website:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;ontact:</source>
        <translation>C&amp;ontact:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <location line="+6" />
        <source>e.g. La Cordée Béziers</source>
        <translation>e.g. La Cordée Béziers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>5 digits</source>
        <translation>5 digits</translation>
    </message>
    <message>
        <location line="+138" />
        <source>Not in a département: %1</source>
        <translation>Not in a département: %1</translation>
    </message>
    <message>
        <location line="+13" />
        <source> or </source>
        <translation> or </translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 — depends on the commune</source>
        <translation>%1 — depends on the commune</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Several communes match: pick one from the list (%1).</source>
        <translation>Several communes match: pick one from the list (%1).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>No such commune for this postcode: the place will be listed to settle.</source>
        <translation>No such commune for this postcode: the place will be listed to settle.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>e.g. 43.344</source>
        <translation>e.g. 43.344</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. 3.215</source>
        <translation>e.g. 3.215</translation>
    </message>
    <message>
        <location line="+3" />
        <source>≈ %1 (commune centre)</source>
        <translation>≈ %1 (commune centre)</translation>
    </message>
    <message>
        <location line="-144" />
        <source>Changed elsewhere while you were editing; your values are kept and OK saves them. The other values were: %1</source>
        <translation>Changed elsewhere while you were editing; your values are kept and OK saves them. The other values were: %1</translation>
    </message>
    <message>
        <location line="+78" />
        <source>Not a French postcode</source>
        <translation>Not a French postcode</translation>
    </message>
    <message>
        <location line="+2" />
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+19" />
        <location line="+3" />
        <location line="+18" />
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>PlacesImportDialog</name>
    <message>
        <location filename="../../ui/main_window.py" line="-1303" />
        <source>Import of places</source>
        <extracomment>How often the status bar re-reads the outbox and conflict counts (ms). One letter matches nearly every record: it would list everything, slowly, so the search starts at the second letter.</extracomment>
        <translation>Import of places</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Created: %1 · Updated: %2 · Unchanged: %3</source>
        <translation>Created: %1 · Updated: %2 · Unchanged: %3</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Line %1: %2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Line %1 (warning): %2</source>
        <translation>Line %1 (warning): %2</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n line(s) could not be imported:</source>
        <translation><numerusform>%n line could not be imported:</numerusform><numerusform>%n lines could not be imported:</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Every line was imported.</source>
        <translation>Every line was imported.</translation>
    </message>
</context>
<context>
    <name>PlainHttpConsent</name>
    <message>
        <location filename="../../ui/sync/plain_http.py" line="+35" />
        <source>This address is not encrypted (http://): your password and your login would cross the network readable by anyone on the way. Ask the coordinator for an https:// address.</source>
        <translation>This address is not encrypted (http://): your password and your login would cross the network readable by anyone on the way. Ask the coordinator for an https:// address.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Send my password anyway</source>
        <translation>Send my password anyway</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/qt_strings.py" line="+16" />
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>ReportsAction</name>
    <message>
        <location filename="../../ui/reports_dialog.py" line="+784" />
        <source>&amp;Regional reports…</source>
        <translation>&amp;Regional reports…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print one PDF visit report per region</source>
        <translation>Print one PDF visit report per region</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location line="-433" />
        <source>Regional reports</source>
        <translation>Regional reports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Regions to print</source>
        <translation>Regions to print</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1" />
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Also a national summary (table and chart of regions)</source>
        <translation>Also a national summary (table and chart of regions)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only visits from</source>
        <translation>Only visits from</translation>
    </message>
    <message>
        <location line="+1" />
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Include draft visits</source>
        <translation>Include draft visits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos:</source>
        <translation>Photos:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print quality (large file)</source>
        <translation>Print quality (large file)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Screen quality (lighter file)</source>
        <translation>Screen quality (lighter file)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Leave photos out</source>
        <translation>Leave photos out</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save in:</source>
        <translation>Save in:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Build the reports</source>
        <translation>Build the reports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the folder</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the PDF</source>
        <translation>Open the PDF</translation>
    </message>
    <message numerus="yes">
        <location line="+52" />
        <source>%n visit(s)</source>
        <translation><numerusform>%n visit</numerusform><numerusform>%n visits</numerusform></translation>
    </message>
    <message>
        <location line="+32" />
        <source>Folder for the reports</source>
        <translation>Folder for the reports</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Tick at least one region (or the national summary).</source>
        <translation>Tick at least one region (or the national summary).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Choose the folder where the reports go.</source>
        <translation>Choose the folder where the reports go.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The period ends before it starts.</source>
        <translation>The period ends before it starts.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Building…</source>
        <translation>Building…</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Photos: %1 / %2</source>
        <translation>Photos: %1 / %2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Building the national summary…</source>
        <translation>Building the national summary…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Building the report of %1…</source>
        <translation>Building the report of %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Cancelled. %n report(s) had been finished.</source>
        <translation><numerusform>Cancelled. %n report had been finished.</numerusform><numerusform>Cancelled. %n reports had been finished.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n report(s) built.</source>
        <translation><numerusform>%n report built.</numerusform><numerusform>%n reports built.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n photo(s) could not be included; they are listed at the end of the reports:</source>
        <translation><numerusform>%n photo could not be included; they are listed at the end of the reports:</numerusform><numerusform>%n photos could not be included; they are listed at the end of the reports:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>… and %n more.</source>
        <translation><numerusform>… and %n more.</numerusform><numerusform>… and %n more.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n report(s) could not be built:</source>
        <translation><numerusform>%n report could not be built:</numerusform><numerusform>%n reports could not be built:</numerusform></translation>
    </message>
    <message>
        <location line="+17" />
        <source>its file on this laptop is damaged</source>
        <translation>its file on this laptop is damaged</translation>
    </message>
    <message>
        <location line="+9" />
        <source>• %1, %2, %3: %4</source>
        <translation>• %1, %2, %3: %4</translation>
    </message>
    <message>
        <location line="+11" />
        <source>not on this laptop, which is not signed in to a server</source>
        <translation>not on this laptop, which is not signed in to a server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not on this laptop; the demo never connects to a server</source>
        <translation>not on this laptop; the demo never connects to a server</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not on this laptop, and the server could not be reached</source>
        <translation>not on this laptop, and the server could not be reached</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not on this laptop, and the server does not have it for this account</source>
        <translation>not on this laptop, and the server does not have it for this account</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not on this laptop, and the server refused to send it</source>
        <translation>not on this laptop, and the server refused to send it</translation>
    </message>
    <message>
        <location line="+1" />
        <source>erased on the server</source>
        <translation>erased on the server</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the file received from the server was damaged (fingerprint does not match)</source>
        <translation>the file received from the server was damaged (fingerprint does not match)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>not on this laptop</source>
        <translation>not on this laptop</translation>
    </message>
    <message>
        <location line="+4" />
        <source>National summary</source>
        <translation>National summary</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the file %1 could not be written (%2).</source>
        <translation>the file %1 could not be written (%2).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the process building it stopped unexpectedly.</source>
        <translation>the process building it stopped unexpectedly.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The reports could not be built: %1</source>
        <translation>The reports could not be built: %1</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Rendering the pages…</source>
        <translation>Rendering the pages…</translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>First %1 of %n page(s); open the PDF to see them all.</source>
        <translation><numerusform>First %1 of %n page; open the PDF to see them all.</numerusform><numerusform>First %1 of %n pages; open the PDF to see them all.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n page(s)</source>
        <translation><numerusform>%n page</numerusform><numerusform>%n pages</numerusform></translation>
    </message>
    <message>
        <location line="+20" />
        <source>The preview failed: %1</source>
        <translation>The preview failed: %1</translation>
    </message>
</context>
<context>
    <name>RetentionAction</name>
    <message>
        <location filename="../../ui/retention_ui.py" line="+483" />
        <source>Name re&amp;tention…</source>
        <translation>Name re&amp;tention…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The date from which no interviewee is named, and what it replaces</source>
        <translation>The date from which no interviewee is named, and what it replaces</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location line="-264" />
        <source>Retention of names</source>
        <translation>Retention of names</translation>
    </message>
    <message>
        <location line="+3" />
        <source>From the retention date, every output (reports, exports, listings) shows each interviewee by their pseudonym, consent or not. Once the date has come, the stored names are replaced too: the name fields, and full names written exactly as stored in the notes. Nothing else is rewritten; the next sync carries the changes to every computer.</source>
        <translation>From the retention date, every output (reports, exports, listings) shows each interviewee by their pseudonym, consent or not. Once the date has come, the stored names are replaced too: the name fields, and full names written exactly as stored in the notes. Nothing else is rewritten; the next sync carries the changes to every computer.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Retention &amp;date:</source>
        <translation>Retention &amp;date:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Retention date</source>
        <translation>Retention date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Day/month/year</source>
        <translation>Day/month/year</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What &amp;will change (nothing is written yet):</source>
        <translation>What &amp;will change (nothing is written yet):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview of the changes</source>
        <translation>Preview of the changes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Working</source>
        <translation>Working</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Apply</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Apply the retention date</source>
        <translation>Apply the retention date</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set the date; once it has come, replace the stored names as previewed</source>
        <translation>Set the date; once it has come, replace the stored names as previewed</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Remove the date</source>
        <translation>&amp;Remove the date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove the retention date</source>
        <translation>Remove the retention date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Reading the mission…</source>
        <translation>Reading the mission…</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Retention date set now: %1.</source>
        <translation>Retention date set now: %1.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No retention date is set: consenting people may be named in outputs.</source>
        <translation>No retention date is set: consenting people may be named in outputs.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The date has come: « Apply » replaces at once what follows, on this computer now and everywhere at the next sync.</source>
        <translation>The date has come: « Apply » replaces at once what follows, on this computer now and everywhere at the next sync.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>From %1, outputs show pseudonyms only; then what follows is replaced (at the first sync from that day, or here with « Apply »).</source>
        <translation>From %1, outputs show pseudonyms only; then what follows is replaced (at the first sync from that day, or here with « Apply »).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Nothing to replace: no stored name is left.</source>
        <translation>Nothing to replace: no stored name is left.</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n change(s):</source>
        <translation><numerusform>%n change:</numerusform><numerusform>%n changes:</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>Samples (as they will read):</source>
        <translation>Samples (as they will read):</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Left as they are: first names or surnames alone, and any form not written exactly as the full name (outputs hide them); the visits' staff and the places' directory fields.</source>
        <translation>Left as they are: first names or surnames alone, and any form not written exactly as the full name (outputs hide them); the visits' staff and the places' directory fields.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Interview: name replaced by its pseudonym</source>
        <translation>Interview: name replaced by its pseudonym</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interview: organisation named after the person, replaced by its kind</source>
        <translation>Interview: organisation named after the person, replaced by its kind</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interview notes: full name replaced</source>
        <translation>Interview notes: full name replaced</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview quotes: full name replaced</source>
        <translation>Interview quotes: full name replaced</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit notes: full name replaced</source>
        <translation>Visit notes: full name replaced</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit summary: full name replaced</source>
        <translation>Visit summary: full name replaced</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo caption: full name replaced</source>
        <translation>Photo caption: full name replaced</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place description: full name replaced</source>
        <translation>Place description: full name replaced</translation>
    </message>
    <message>
        <location line="+15" />
        <location line="+67" />
        <source>Applying…</source>
        <translation>Applying…</translation>
    </message>
    <message>
        <location line="-33" />
        <source>The mission changed since the preview: nothing was written. Check the new preview, then apply again.</source>
        <translation>The mission changed since the preview: nothing was written. Check the new preview, then apply again.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Retention date set: %1. Nothing stored was rewritten yet; </source>
        <translation>Retention date set: %1. Nothing stored was rewritten yet; </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s) previewed will be applied once the date has come.</source>
        <translation><numerusform>%n change previewed will be applied once the date has come.</numerusform><numerusform>%n changes previewed will be applied once the date has come.</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>Retention date set: %1. Nothing was rewritten: no stored name is left.</source>
        <translation>Retention date set: %1. Nothing was rewritten: no stored name is left.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Retention date set: %1. </source>
        <translation>Retention date set: %1. </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n change(s) applied</source>
        <translation><numerusform>%n change applied</numerusform><numerusform>%n changes applied</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>, %n name(s) replaced by their pseudonym.</source>
        <translation><numerusform>, %n name replaced by their pseudonym.</numerusform><numerusform>, %n names replaced by their pseudonym.</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>Left untouched: first names or surnames alone and other forms of the names (outputs hide them), the visits' staff and the places' directory fields. The next sync carries the changes to the server.</source>
        <translation>Left untouched: first names or surnames alone and other forms of the names (outputs hide them), the visits' staff and the places' directory fields. The next sync carries the changes to the server.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>The retention date is removed. Names already replaced stay pseudonyms.</source>
        <translation>The retention date is removed. Names already replaced stay pseudonyms.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Nothing was changed: %1</source>
        <translation>Nothing was changed: %1</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../ui/models.py" line="+202" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview</source>
        <translation>Interview</translation>
    </message>
</context>
<context>
    <name>SupportMenu</name>
    <message>
        <location filename="../../ui/support_menu.py" line="+65" />
        <source>Open the &amp;data folder</source>
        <translation>Open the &amp;data folder</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Copy the diagnostic report</source>
        <translation>&amp;Copy the diagnostic report</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Versions, folders and last errors, for support; no personal data</source>
        <translation>Versions, folders and last errors, for support; no personal data</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Diagnostic report copied: paste it into your message to support.</source>
        <translation>Diagnostic report copied: paste it into your message to support.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync/controller.py" line="+268" />
        <source>Not signed in to the sync server: sign in first (%1).</source>
        <extracomment>Automatic sync: this long after edits settle, and every AUTO_PERIOD_MS anyway. QSettings key remembering whether automatic sync is on (it is, unless turned off).</extracomment>
        <translation>Not signed in to the sync server: sign in first (%1).</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The sync server cannot be reached. Nothing is lost: your changes stay on this computer until the next sync.</source>
        <translation>The sync server cannot be reached. Nothing is lost: your changes stay on this computer until the next sync.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Sync cancelled; what was already exchanged is kept.</source>
        <translation>Sync cancelled; what was already exchanged is kept.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sync failed: %1</source>
        <translation>Sync failed: %1</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <location filename="../../ui/sync/__init__.py" line="+108" />
        <source>&amp;Synchronise</source>
        <translation>&amp;Synchronise</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send and receive changes (F5)</source>
        <translation>Send and receive changes (F5)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Synchronise and download every &amp;photo</source>
        <translation>Synchronise and download every &amp;photo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflicts…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign &amp;in…</source>
        <translation>Sign &amp;in…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What is &amp;left to send…</source>
        <translation>What is &amp;left to send…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Is &amp;everything sent?</source>
        <translation>Is &amp;everything sent?</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Before handing this computer back: would anything be lost if it were wiped?</source>
        <translation>Before handing this computer back: would anything be lost if it were wiped?</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Automatic synchronisation</source>
        <translation>&amp;Automatic synchronisation</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Synchronise a few seconds after your edits, and every few minutes</source>
        <translation>Synchronise a few seconds after your edits, and every few minutes</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Synchronising…</source>
        <translation>Synchronising…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>What is only on this computer: click for the list</source>
        <translation>What is only on this computer: click for the list</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Nothing is sent from the demo: it stays on this computer, and wiping it would lose nothing of a real mission.</source>
        <translation>Nothing is sent from the demo: it stays on this computer, and wiping it would lose nothing of a real mission.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Nothing here yet: wiping this computer would lose nothing.</source>
        <translation>Nothing here yet: wiping this computer would lose nothing.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This computer has never been synchronised: everything in it exists only here. Sign in and synchronise before handing it back.</source>
        <translation>This computer has never been synchronised: everything in it exists only here. Sign in and synchronise before handing it back.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Everything is on the server: wiping this computer would lose nothing.</source>
        <translation>Everything is on the server: wiping this computer would lose nothing.</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s) not yet on the server</source>
        <translation><numerusform>%n change not yet on the server</numerusform><numerusform>%n changes not yet on the server</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n photo(s) not yet on the server</source>
        <translation><numerusform>%n photo not yet on the server</numerusform><numerusform>%n photos not yet on the server</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n photo(s) whose file is missing on this disk and was never sent: only the original can bring it back</source>
        <translation><numerusform>%n photo whose file is missing on this disk and was never sent: only the original can bring it back</numerusform><numerusform>%n photos whose file is missing on this disk and was never sent: only the original can bring it back</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n change(s) refused by the server, to fix or discard</source>
        <translation><numerusform>%n change refused by the server, to fix or discard</numerusform><numerusform>%n changes refused by the server, to fix or discard</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n conflict resolution(s) not yet on the server</source>
        <translation><numerusform>%n conflict resolution not yet on the server</numerusform><numerusform>%n conflict resolutions not yet on the server</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n open conflict(s) the server no longer has (restored from an older backup): the next synchronisation sends them again</source>
        <translation><numerusform>%n open conflict the server no longer has (restored from an older backup): the next synchronisation sends them again</numerusform><numerusform>%n open conflicts the server no longer has (restored from an older backup): the next synchronisation sends them again</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>%n open conflict(s) that could not be checked: the server cannot be reached</source>
        <translation><numerusform>%n open conflict that could not be checked: the server cannot be reached</numerusform><numerusform>%n open conflicts that could not be checked: the server cannot be reached</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>No: if this computer were wiped now, you would lose:</source>
        <translation>No: if this computer were wiped now, you would lose:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Synchronise (F5) before handing it back.</source>
        <translation>Synchronise (F5) before handing it back.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Is everything sent?</source>
        <translation>Is everything sent?</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Synchronised: %1, %2, %3.</source>
        <translation>Synchronised: %1, %2, %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n sent</source>
        <translation><numerusform>%n sent</numerusform><numerusform>%n sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n received</source>
        <translation><numerusform>%n received</numerusform><numerusform>%n received</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n new conflict(s)</source>
        <translation><numerusform>%n new conflict</numerusform><numerusform>%n new conflicts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>%n erased record(s) removed from this computer.</source>
        <translation><numerusform>%n erased record removed from this computer.</numerusform><numerusform>%n erased records removed from this computer.</numerusform></translation>
    </message>
    <message>
        <location line="+22" />
        <source>Synchronisation</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location line="-98" />
        <location line="+8" />
        <source>See the list</source>
        <translation>See the list</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+1" />
        <source>photos</source>
        <translation>photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>sending</source>
        <translation>sending</translation>
    </message>
    <message>
        <location line="+1" />
        <source>receiving</source>
        <translation>receiving</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Synchronising: %1 %2</source>
        <translation>Synchronising: %1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>%n change(s) refused by the server: see what is left to send.</source>
        <translation><numerusform>%n change refused by the server: see what is left to send.</numerusform><numerusform>%n changes refused by the server: see what is left to send.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n record(s) received but not written here: the server sent a photo file hash or a number this computer refuses.</source>
        <translation><numerusform>%n record received but not written here: the server sent a photo file hash or a number this computer refuses.</numerusform><numerusform>%n records received but not written here: the server sent a photo file hash or a number this computer refuses.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n erasure(s) refused by the server: these records are on the server and others may already have received them; a coordinator must erase them.</source>
        <translation><numerusform>%n erasure refused by the server: these records are on the server and others may already have received them; a coordinator must erase them.</numerusform><numerusform>%n erasures refused by the server: these records are on the server and others may already have received them; a coordinator must erase them.</numerusform></translation>
    </message>
</context>
<context>
    <name>UpdateBanner</name>
    <message>
        <location filename="../../ui/mission.py" line="-159" />
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location line="+4" />
        <source>FieldKit %1 is recommended for this mission (this one is %2).</source>
        <translation>FieldKit %1 is recommended for this mission (this one is %2).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Download it</source>
        <translation>Download it</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Ask the coordinator for it.</source>
        <translation>Ask the coordinator for it.</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../ui/visit_editor.py" line="+331" />
        <source>Visit</source>
        <extracomment>A visit's data was written (its fields, an interview or a photo): refresh counts. A short message for the status bar (e.g. "3 photos imported"). Typing that overlapped a write made elsewhere went to the conflicts (visit id).</extracomment>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviews</source>
        <translation>Interviews</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The visit: form, interviews, photos</source>
        <translation>The visit: form, interviews, photos</translation>
    </message>
    <message>
        <location line="+13" />
        <source>No visit selected.

Choose a visit in the list, or create one for the selected place with New visit (Ctrl+N).</source>
        <translation>No visit selected.

Choose a visit in the list, or create one for the selected place with New visit (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>— visit of %1</source>
        <translation>— visit of %1</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Some changes of the previous visit were not saved.</source>
        <translation>Some changes of the previous visit were not saved.</translation>
    </message>
    <message>
        <location line="+154" />
        <source>This visit no longer exists (it may have been deleted).</source>
        <translation>This visit no longer exists (it may have been deleted).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This visit could not be opened: {error}</source>
        <translation>This visit could not be opened: {error}</translation>
    </message>
    <message>
        <location line="+82" />
        <location line="+42" />
        <source>Some changes are not saved (see above).</source>
        <translation>Some changes are not saved (see above).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Everything you typed is saved on this computer.</source>
        <translation>Everything you typed is saved on this computer.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location line="+109" />
        <source>This visit was changed elsewhere while you typed: your text is kept in the conflicts (Synchronisation → Conflicts…) to choose from.</source>
        <translation>This visit was changed elsewhere while you typed: your text is kept in the conflicts (Synchronisation → Conflicts…) to choose from.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>This visit was changed elsewhere while you typed: both are kept (merged).</source>
        <translation>This visit was changed elsewhere while you typed: both are kept (merged).</translation>
    </message>
    <message>
        <location line="+120" />
        <source>Change visit date</source>
        <translation>Change visit date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit visitors</source>
        <translation>Edit visitors</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change visit status</source>
        <translation>Change visit status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit summary</source>
        <translation>Edit summary</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit notes</source>
        <translation>Edit notes</translation>
    </message>
    <message>
        <location line="-50" />
        <source>{date} is not a plausible visit date (from 2000 to a year from now).</source>
        <translation>{date} is not a plausible visit date (from 2000 to a year from now).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This is not a valid date.</source>
        <translation>This is not a valid date.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unknown status.</source>
        <translation>Unknown status.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This record no longer exists (it may have been deleted).</source>
        <translation>This record no longer exists (it may have been deleted).</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location line="-751" />
        <source>Who went (comma-separated)</source>
        <extracomment>Milliseconds after the last keystroke before the form is saved. Longest a change stays unsaved while the person keeps typing. Fields merged word by word when they changed here and elsewhere at once.</extracomment>
        <translation>Who went (comma-separated)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The visit in two or three sentences</source>
        <translation>The visit in two or three sentences</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes taken during the visit</source>
        <translation>Notes taken during the visit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Date:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>V&amp;isitors:</source>
        <translation>V&amp;isitors:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;ummary:</source>
        <translation>S&amp;ummary:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notes:</source>
        <translation>&amp;Notes:</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../../ui/models.py" line="-54" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visitors</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviews</source>
        <translation>Interviews</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <location filename="../../ui/encryption_ui.py" line="-410" />
        <source>%n change(s) not synced yet: if the key is lost before they are, they are lost. What was synced can always be recovered from the server.</source>
        <translation><numerusform>%n change not synced yet: if the key is lost before they are, they are lost. What was synced can always be recovered from the server.</numerusform><numerusform>%n changes not synced yet: if the key is lost before they are, they are lost. What was synced can always be recovered from the server.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n other file(s) of the data folder came along in clear: %1.</source>
        <translation><numerusform>%n other file of the data folder came along in clear: %1.</numerusform><numerusform>%n other files of the data folder came along in clear: %1.</numerusform></translation>
    </message>
</context>
</TS>
