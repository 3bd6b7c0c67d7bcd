<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../ui/main_window.py" line="+210" />
        <source>About FieldKit</source>
        <translation>À propos de FieldKit</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Field visits to tiers-lieux, offline first: places, visits, interviews and photos, synchronised with the mission's server.</source>
        <translation>Les visites de tiers-lieux, même hors ligne : lieux, visites, entretiens et photos, synchronisés avec le serveur de la mission.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/launch.py" line="+91" />
        <source>FieldKit cannot open its data: %1</source>
        <extracomment>A temporary photo copy untouched for this long belongs to no running import.</extracomment>
        <translation>FieldKit ne peut pas ouvrir ses données : %1</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../ui/commands.py" line="+175" />
        <source>Create place “%1”</source>
        <translation>création du lieu « %1 »</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Edit place “%1”</source>
        <translation>modification du lieu « %1 »</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Delete place “%1”</source>
        <translation>suppression du lieu « %1 »</translation>
    </message>
    <message>
        <location line="+6" />
        <source>New visit</source>
        <translation>création d’une visite</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Delete visit of %1</source>
        <translation>suppression de la visite du %1</translation>
    </message>
</context>
<context>
    <name>CommunesAction</name>
    <message>
        <location filename="../../ui/map_view.py" line="+685" />
        <source>Communes and &amp;duplicates…</source>
        <translation>Communes et &amp;doublons…</translation>
    </message>
</context>
<context>
    <name>CommunesDialog</name>
    <message>
        <location line="-130" />
        <source>Communes and possible duplicates</source>
        <translation>Communes et doublons possibles</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Places whose commune is not settled: pick the commune, then Settle.</source>
        <translation>Lieux dont la commune n’est pas réglée : choisissez la commune, puis Régler.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Possible duplicates (same commune, similar names): keep one, merge the other.</source>
        <translation>Doublons possibles (même commune, noms proches) : gardez l’un, fusionnez l’autre.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Postcode and commune</source>
        <translation>Code postal et commune</translation>
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
        <translation>Premier</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Second</source>
        <translation>Second</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Settle</source>
        <translation>Régler</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Keep the first</source>
        <translation>Garder le premier</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep the second</source>
        <translation>Garder le second</translation>
    </message>
    <message>
        <location line="+22" />
        <source>%1 is now in %2 (INSEE %3).</source>
        <translation>%1 est maintenant à %2 (INSEE %3).</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Merged: %1 visit(s) moved to %2; %3 deleted.</source>
        <translation>Fusion faite : %1 visite(s) déplacée(s) vers %2 ; %3 supprimé.</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <location filename="../../ui/sync/conflicts_view.py" line="+80" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview</source>
        <translation>Entretien</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Record</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Fields in conflict</source>
        <translation>Champs en conflit</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <location line="+6" />
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tags</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visitors</source>
        <translation>Visiteurs</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consent date</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pseudonymise in reports</source>
        <translation>Pseudonymiser dans les rapports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Key quotes</source>
        <translation>Citations clés</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In the report</source>
        <translation>Dans le rapport</translation>
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
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolve with these values</source>
        <translation>Résoudre avec ces valeurs</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No conflict to resolve.</source>
        <translation>Aucun conflit à résoudre.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The values to choose between</source>
        <translation>Les valeurs entre lesquelles choisir</translation>
    </message>
    <message>
        <location line="+42" />
        <source>%1 “%2”: changed on the server and on this computer.</source>
        <translation>%1 « %2 » : modifié sur le serveur et sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>On the server</source>
        <translation>Sur le serveur</translation>
    </message>
    <message>
        <location line="+0" />
        <source>On this computer</source>
        <translation>Sur cet ordinateur</translation>
    </message>
</context>
<context>
    <name>DataFolders</name>
    <message>
        <location filename="../../ui/data_folders.py" line="+62" />
        <source>Recen&amp;t missions</source>
        <translation>Mis&amp;sions récentes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Switch to another mission's data</source>
        <translation>Passer aux données d’une autre mission</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Demo: never synchronised</source>
        <translation>Démonstration : jamais synchronisée</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Demo mission</source>
        <translation>Mission de démonstration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Data without a mission</source>
        <translation>Données sans mission</translation>
    </message>
</context>
<context>
    <name>Encryption</name>
    <message>
        <location filename="../../ui/encryption_ui.py" line="+77" />
        <source>Passphrase</source>
        <translation>Phrase de passe</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Protect this laptop's data</source>
        <translation>Protéger les données de ce portable</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Interview notes, names and photos will be encrypted on this laptop. Choose a passphrase of at least 8 characters: it will be asked for each time FieldKit starts. If it is forgotten, only what was synced can be recovered from the server.</source>
        <translation>Les notes d’entretien, les noms et les photos seront chiffrés sur ce portable. Choisissez une phrase de passe d’au moins 8 caractères : elle sera demandée à chaque démarrage de FieldKit. Si elle est oubliée, seul ce qui a été synchronisé pourra être récupéré depuis le serveur.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The data of this laptop is encrypted. Type its passphrase to open it.</source>
        <translation>Les données de ce portable sont chiffrées. Saisissez leur phrase de passe pour les ouvrir.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Passphrase:</source>
        <translation>Phrase de passe :</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Once more:</source>
        <translation>Encore une fois :</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Wrong passphrase: nothing was opened or changed. Try again.</source>
        <translation>Phrase de passe incorrecte : rien n’a été ouvert ni modifié. Réessayez.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>The passphrase must have at least 8 characters.</source>
        <translation>La phrase de passe doit compter au moins 8 caractères.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases de passe diffèrent.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Type the passphrase.</source>
        <translation>Saisissez la phrase de passe.</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Encrypt</source>
        <translation>Chiffrer</translation>
    </message>
    <message>
        <location line="+41" />
        <location line="+97" />
        <location line="+7" />
        <location line="+59" />
        <source>Data encryption</source>
        <translation>Chiffrement des données</translation>
    </message>
    <message>
        <location line="-161" />
        <source>Encryption protects a lost or stolen laptop: without the key, the database and the photos on its disk cannot be read. It does not protect a laptop left unlocked while FieldKit is open, nor screen captures. Exports and reports are written in clear where you choose.</source>
        <translation>Le chiffrement protège un portable perdu ou volé : sans la clé, la base de données et les photos de son disque sont illisibles. Il ne protège pas un portable laissé déverrouillé pendant que FieldKit est ouvert, ni les captures d’écran. Les exports et les rapports sont écrits en clair là où vous le choisissez.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Encrypt…</source>
        <translation>Chiffrer…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Change the passphrase…</source>
        <translation>Changer la phrase de passe…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decrypt…</source>
        <translation>Déchiffrer…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The data of this laptop is encrypted; its key is kept in the system keyring.</source>
        <translation>Les données de ce portable sont chiffrées ; leur clé est gardée dans le trousseau du système.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The data of this laptop is encrypted; its key is protected by a passphrase.</source>
        <translation>Les données de ce portable sont chiffrées ; leur clé est protégée par une phrase de passe.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The data of this laptop is not encrypted.</source>
        <translation>Les données de ce portable ne sont pas chiffrées.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Everything has been synced.</source>
        <translation>Tout a été synchronisé.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>FieldKit will close, encrypt the data, then open again.</source>
        <translation>FieldKit va se fermer, chiffrer les données, puis se rouvrir.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Encrypt the data</source>
        <translation>Chiffrer les données</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The key will be kept in the system keyring.</source>
        <translation>La clé sera gardée dans le trousseau du système.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Decrypt the data</source>
        <translation>Déchiffrer les données</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The database and photos will be stored in clear on this laptop: anyone who copies its disk can read them. FieldKit will close, decrypt, then open again.</source>
        <translation>La base de données et les photos seront stockées en clair sur ce portable : quiconque copie son disque pourra les lire. FieldKit va se fermer, déchiffrer, puis se rouvrir.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Change the passphrase</source>
        <translation>Changer la phrase de passe</translation>
    </message>
    <message>
        <location line="+16" />
        <source>The passphrase was changed.</source>
        <translation>La phrase de passe a été changée.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Data encr&amp;yption…</source>
        <translation>C&amp;hiffrement des données…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Encrypt this laptop's data, or change its passphrase</source>
        <translation>Chiffrer les données de ce portable, ou changer leur phrase de passe</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Encrypting the data…</source>
        <translation>Chiffrement des données…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decrypting the data…</source>
        <translation>Déchiffrement des données…</translation>
    </message>
    <message>
        <location line="+48" />
        <source>The conversion failed; the data was left as it was: %1</source>
        <translation>La conversion a échoué ; les données sont restées telles quelles : %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The data of this laptop is now encrypted.</source>
        <translation>Les données de ce portable sont désormais chiffrées.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The data of this laptop is now in clear.</source>
        <translation>Les données de ce portable sont désormais en clair.</translation>
    </message>
</context>
<context>
    <name>Erase</name>
    <message>
        <location filename="../../ui/erase.py" line="+22" />
        <source>The place “{title}”</source>
        <translation>Le lieu « {title} »</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The visit of {title}</source>
        <translation>La visite du {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The interview with {title}</source>
        <translation>L’entretien avec {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The photo “{title}”</source>
        <translation>La photo « {title} »</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Visits: {n}</source>
        <translation>Visites : {n}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Interviews, with their notes and quotes: {n}</source>
        <translation>Entretiens, avec leurs notes et citations : {n}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Photos: {n}</source>
        <translation>Photos : {n}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Photo files no other photo uses: {n}</source>
        <translation>Fichiers photo qu’aucune autre photo n’utilise : {n}</translation>
    </message>
    <message>
        <location line="+7" />
        <source>These captions of the visit's photos name this person:</source>
        <translation>Ces légendes des photos de la visite nomment cette personne :</translation>
    </message>
    <message>
        <location line="+15" />
        <location line="+21" />
        <location line="+15" />
        <location line="+23" />
        <source>Erase permanently</source>
        <translation>Effacer définitivement</translation>
    </message>
    <message>
        <location line="-36" />
        <source>Erase permanently? This cannot be undone, not even with Ctrl+Z.</source>
        <translation>Effacer définitivement ? Impossible de revenir en arrière, même avec Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This destroys, on this computer now and on the server and every other computer at their next sync:</source>
        <translation>Sont détruits, tout de suite sur cet ordinateur, puis sur le serveur et sur chaque autre ordinateur à leur prochaine synchronisation :</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Also clear these captions ({n})</source>
        <translation>Effacer aussi ces légendes ({n})</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Only coordinators and admins can erase records already synced or made by someone else. You can delete it instead, or ask a coordinator.</source>
        <translation>Seuls les coordinateurs et les administrateurs peuvent effacer ce qui est déjà synchronisé ou créé par quelqu’un d’autre. Vous pouvez le supprimer, ou le demander à un coordinateur.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/i18n.py" line="+630" />
        <source>Unexpected error: %1</source>
        <translation>Erreur inattendue : %1</translation>
    </message>
    <message>
        <location line="-436" />
        <source>A place needs a name.</source>
        <translation>Un lieu doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“%1” is not a known kind of place.</source>
        <translation>« %1 » n’est pas un type de lieu connu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a French postcode (five digits).</source>
        <translation>« %1 » n’est pas un code postal français (cinq chiffres).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a known département code.</source>
        <translation>« %1 » n’est pas un code de département connu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a known région code.</source>
        <translation>« %1 » n’est pas un code de région connu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The département does not belong to the région “%1”.</source>
        <translation>Le département n’appartient pas à la région « %1 ».</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 is out of range.</source>
        <translation>%1 : valeur hors limites.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 must be a number.</source>
        <translation>%1 doit être un nombre.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: “%2” is not a valid date (YYYY-MM-DD).</source>
        <translation>%1 : « %2 » n’est pas une date valide (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1: %2 is not a plausible visit date.</source>
        <translation>%1 : %2 n’est pas une date de visite plausible.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Unknown visit status.</source>
        <translation>Statut de visite inconnu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“%1” is not a known role.</source>
        <translation>« %1 » n’est pas un rôle connu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a known consent state.</source>
        <translation>« %1 » n’est pas un état de consentement connu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A photo must name a stored photo file.</source>
        <translation>Une photo doit désigner un fichier photo enregistré.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown kind of record.</source>
        <translation>Type d’élément inconnu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This record has no field “%1”.</source>
        <translation>Cet élément n’a pas de champ « %1 ».</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The record it belongs to no longer exists.</source>
        <translation>L’élément auquel il appartient n’existe plus.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This record no longer exists.</source>
        <translation>Cet élément n’existe plus.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This record already exists.</source>
        <translation>Cet élément existe déjà.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A value is not valid.</source>
        <translation>Une valeur n’est pas valide.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Something went wrong.</source>
        <translation>Quelque chose s’est mal passé.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>FieldKit cannot open this database.</source>
        <translation>FieldKit ne peut pas ouvrir cette base de données.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>This file cannot be imported.</source>
        <translation>Ce fichier ne peut pas être importé.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file does not exist.</source>
        <translation>Ce fichier n’existe pas.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is a folder, not a CSV file.</source>
        <translation>C’est un dossier, pas un fichier CSV.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file cannot be read.</source>
        <translation>Impossible de lire ce fichier.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is not a CSV text file.</source>
        <translation>Ce n’est pas un fichier texte CSV.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file is empty.</source>
        <translation>Ce fichier est vide.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file is not a valid CSV file.</source>
        <translation>Ce fichier n’est pas un CSV valide.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This line is not valid CSV (%1).</source>
        <translation>Cette ligne n’est pas du CSV valide (%1).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This file is neither UTF-8 nor Windows-1252 text.</source>
        <translation>Ce fichier n’est ni du texte UTF-8 ni du Windows-1252.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The file has no name column (expected “nom” or “name”).</source>
        <translation>Le fichier n’a pas de colonne de nom (« nom » ou « name » attendu).</translation>
    </message>
    <message>
        <location line="-50" />
        <source>This data was written by a newer FieldKit (schema %1; this one reads up to %2). Update FieldKit to open it.</source>
        <translation>Ces données ont été écrites par une version plus récente de FieldKit (schéma %1 ; celle-ci lit jusqu’au %2). Mettez FieldKit à jour pour les ouvrir.</translation>
    </message>
    <message>
        <location line="-9" />
        <source>A number is out of the range this field accepts.</source>
        <translation>Un nombre est hors des valeurs que ce champ accepte.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A file FieldKit ships is missing from this installation: reinstall FieldKit.</source>
        <translation>Un fichier livré avec FieldKit manque à cette installation : réinstallez FieldKit.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>“%1” is not the INSEE code of a commune.</source>
        <translation>« %1 » n’est pas le code INSEE d’une commune.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Postcode %1 is in %2, which is not a département: FieldKit files places in the départements and régions of France only.</source>
        <translation>Le code postal %1 est à %2, qui n’est pas un département : FieldKit ne classe les lieux que dans les départements et régions de France.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>A place cannot be merged with itself.</source>
        <translation>Un lieu ne peut pas être fusionné avec lui-même.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Several communes match this postcode and name: %1.</source>
        <translation>Plusieurs communes correspondent à ce code postal et à ce nom : %1.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No commune matches this postcode and name.</source>
        <translation>Aucune commune ne correspond à ce code postal et à ce nom.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This postcode is not in a French département or région.</source>
        <translation>Ce code postal n’est pas dans un département ni une région de France.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The commune of “%1” is not settled: it is listed to settle.</source>
        <translation>La commune de « %1 » n’est pas établie : elle est listée pour être précisée.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The file says %1, but %2 is in %3: filed in %3.</source>
        <translation>Le fichier indique %1, mais %2 est dans le %3 : classé dans le %3.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>This place was deleted; it is not re-created.</source>
        <translation>Ce lieu a été supprimé ; il n’est pas recréé.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Same place as line %1 (%2); line skipped.</source>
        <translation>Même lieu qu’à la ligne %1 (%2) ; ligne ignorée.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>“%1” is not a FieldKit id; the place was matched by name and postcode.</source>
        <translation>« %1 » n’est pas un identifiant FieldKit ; le lieu a été retrouvé par son nom et son code postal.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unknown kind of place “%1”: imported as “Other”, kept as a tag.</source>
        <translation>Type de lieu inconnu « %1 » : importé comme « Autre », gardé comme étiquette.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A quote opened on this line is not closed before line %1: line skipped, the next lines are read as lines of their own. Close or remove the quote.</source>
        <translation>Un guillemet ouvert sur cette ligne n’est pas refermé avant la ligne %1 : ligne ignorée, les lignes suivantes sont lues chacune pour elle-même. Refermez ou retirez le guillemet.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This line has %1 cells, the header %2: the extra cells (%3) have no column; line skipped (a separator inside an unquoted cell shifts the columns).</source>
        <translation>Cette ligne a %1 cellules, l’en-tête %2 : les cellules en trop (%3) n’ont pas de colonne ; ligne ignorée (un séparateur dans une cellule sans guillemets décale les colonnes).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>This line is in %1, the rest of the file in %2: read as %1; check its accents.</source>
        <translation>Cette ligne est en %1, le reste du fichier en %2 : lue en %1 ; vérifiez ses accents.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>INSEE code %1 is %2 (%3), but %4 is %5: line skipped; correct the code, or the postcode and commune.</source>
        <translation>Le code INSEE %1 est celui de %2 (%3), mais %4 désigne %5 : ligne ignorée ; corrigez le code, ou le code postal et la commune.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Nothing was changed: these items of the data folder cannot be copied (not a regular file or folder, or unreadable): %1. Move them out of the folder, or make them readable, and try again.</source>
        <translation>Rien n’a été modifié : ces éléments du dossier de données ne peuvent pas être copiés (ni fichier ni dossier ordinaire, ou illisibles) : %1. Sortez-les du dossier, ou rendez-les lisibles, puis recommencez.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The demo mission could not be built.</source>
        <translation>La mission de démonstration n’a pas pu être créée.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not saved: this record was changed elsewhere meanwhile (a sync, another program). What is shown now is the latest; make your change again.</source>
        <translation>Non enregistré : cet élément a été modifié ailleurs entre-temps (synchronisation, autre programme). Ce qui est affiché est la dernière version ; refaites votre modification.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The demo mission is already in this database.</source>
        <translation>La mission de démonstration est déjà dans cette base.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cancelled; nothing was changed.</source>
        <translation>Annulé ; rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The export failed.</source>
        <translation>L’export a échoué.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown export format.</source>
        <translation>Format d’export inconnu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is a file; the export needs a folder.</source>
        <translation>C’est un fichier ; l’export a besoin d’un dossier.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The files cannot be written there (check the folder and the disk).</source>
        <translation>Les fichiers ne peuvent pas être écrits là (vérifiez le dossier et le disque).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The period ends before it starts.</source>
        <translation>La période se termine avant de commencer.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown photo quality.</source>
        <translation>Qualité de photo inconnue.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This photo could not be imported.</source>
        <translation>Cette photo n’a pas pu être importée.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown kind of photo copy.</source>
        <translation>Type de copie de photo inconnu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The original of this photo is not on this computer yet; sync to fetch it.</source>
        <translation>L’original de cette photo n’est pas encore sur cet ordinateur ; synchronisez pour le récupérer.</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+3" />
        <source>This data folder cannot hold photos.</source>
        <translation>Ce dossier de données ne peut pas contenir de photos.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The synchronisation failed; your changes stay on this computer.</source>
        <translation>La synchronisation a échoué ; vos modifications restent sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The sync server cannot be reached. Nothing was lost: your changes stay on this computer; sync again later.</source>
        <translation>Le serveur de synchronisation est injoignable. Rien n’est perdu : vos modifications restent sur cet ordinateur ; synchronisez plus tard.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The sync server keeps changing identity (restored from backups); nothing was lost here, sync again later.</source>
        <translation>Le serveur de synchronisation change sans cesse d’identité (restauré depuis des sauvegardes) ; rien n’est perdu ici, synchronisez plus tard.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Sync cancelled; what was done so far is kept.</source>
        <translation>Synchronisation annulée ; ce qui a déjà été fait est conservé.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You are not signed in to a sync server.</source>
        <translation>Vous n’êtes pas connecté à un serveur de synchronisation.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This is the demo mission: it never signs in nor synchronises. Open your mission file (File → Open a mission…) to work with your team's server.</source>
        <translation>Ceci est la mission de démonstration : elle ne se connecte ni ne se synchronise jamais. Ouvrez votre fichier de mission (Fichier → Ouvrir une mission…) pour travailler avec le serveur de votre équipe.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>“%1” is not a server address; it should look like https://host:port.</source>
        <translation>« %1 » n’est pas une adresse de serveur ; elle doit ressembler à https://hote:port.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Login refused: wrong user name or password.</source>
        <translation>Connexion refusée : nom d’utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Your login to the server has expired (unused too long, or too old): sign in again. Nothing on this computer is lost.</source>
        <translation>Votre connexion au serveur a expiré (inutilisée trop longtemps, ou trop ancienne) : reconnectez-vous. Rien n’est perdu sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This password is too long (1,000 characters at most).</source>
        <translation>Ce mot de passe est trop long (1 000 caractères au plus).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This password is among the most common ones; choose another.</source>
        <translation>Ce mot de passe fait partie des plus courants ; choisissez-en un autre.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This photo was erased for privacy: the server does not take it again. It stays on this computer only.</source>
        <translation>Cette photo a été effacée pour la confidentialité : le serveur ne la reprend plus. Elle ne reste que sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The server's disk is full; nothing was lost here. Sync again later and tell your coordinator.</source>
        <translation>Le disque du serveur est plein ; rien n’a été perdu ici. Synchronisez plus tard et prévenez votre coordinateur.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Your photos on the server have reached your quota; the rest stays on this computer. Ask the administrator for more room.</source>
        <translation>Vos photos sur le serveur ont atteint votre quota ; le reste demeure sur cet ordinateur. Demandez plus de place à l’administrateur.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Too many failed logins; wait a few minutes and try again.</source>
        <translation>Trop d’échecs de connexion ; attendez quelques minutes et réessayez.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No password was given.</source>
        <translation>Aucun mot de passe n’a été donné.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The server did not answer for every change sent; sync again.</source>
        <translation>Le serveur n’a pas répondu pour chaque modification envoyée ; synchronisez à nouveau.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A page sent by the server could not be read; nothing of it was applied. Sync again; if it happens again, report it.</source>
        <translation>Une page envoyée par le serveur est illisible ; rien n’en a été appliqué. Synchronisez à nouveau ; si cela se reproduit, signalez-le.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The server named a photo file in a form that is not a photo's fingerprint; that record was set aside and nothing was written for it. Report it.</source>
        <translation>Le serveur a désigné un fichier photo sous une forme qui n’est pas une empreinte de photo ; cet enregistrement a été mis de côté et rien n’a été écrit pour lui. Signalez-le.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>A photo arrived damaged; it was discarded, sync again.</source>
        <translation>Une photo est arrivée abîmée ; elle a été écartée, synchronisez à nouveau.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server answered with an error; sync again later.</source>
        <translation>Le serveur a répondu par une erreur ; synchronisez plus tard.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This conflict is already resolved.</source>
        <translation>Ce conflit est déjà résolu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The record is deleted; choose to keep it before editing it.</source>
        <translation>L’élément est supprimé ; choisissez de le garder avant de le modifier.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The server refused: this is outside your régions or rights.</source>
        <translation>Le serveur a refusé : c’est hors de vos régions ou de vos droits.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused a request it could not read.</source>
        <translation>Le serveur a refusé une requête illisible.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Your sign-in has expired; sign in again.</source>
        <translation>Votre connexion a expiré ; reconnectez-vous.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You are not signed in to the server; sign in again.</source>
        <translation>Vous n’êtes pas connecté au serveur ; reconnectez-vous.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This is over the server's size limit.</source>
        <translation>Cela dépasse la taille maximale du serveur.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A photo sent to the server was refused (wrong fingerprint).</source>
        <translation>Une photo envoyée au serveur a été refusée (empreinte incorrecte).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused a malformed request.</source>
        <translation>Le serveur a refusé une requête mal formée.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused an incomplete request.</source>
        <translation>Le serveur a refusé une requête incomplète.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A photo upload was cut short; sync again to resume it.</source>
        <translation>L’envoi d’une photo a été interrompu ; synchronisez à nouveau pour le reprendre.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A photo upload got out of step; sync again to resume it.</source>
        <translation>L’envoi d’une photo s’est désynchronisé ; synchronisez à nouveau pour le reprendre.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Part of a photo arrived damaged; sync again to send it again.</source>
        <translation>Une partie d’une photo est arrivée abîmée ; synchronisez à nouveau pour la renvoyer.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server refused an upload sent in the wrong format.</source>
        <translation>Le serveur a refusé un envoi dans un format inattendu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server speaks another version of the upload protocol.</source>
        <translation>Le serveur utilise une autre version du protocole d’envoi.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Someone else is sending the same photo right now; sync again shortly.</source>
        <translation>Quelqu’un envoie la même photo en ce moment ; synchronisez à nouveau dans un instant.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A trusted proxy must be an IP address or network, e.g. 10.0.0.5.</source>
        <translation>Un proxy de confiance doit être une adresse IP ou un réseau, par exemple 10.0.0.5.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A user name is 1–100 characters without spaces.</source>
        <translation>Un nom d’utilisateur compte de 1 à 100 caractères, sans espace.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A password needs at least 8 characters.</source>
        <translation>Un mot de passe compte au moins 8 caractères.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>An agent needs at least one région.</source>
        <translation>Un agent a besoin d’au moins une région.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This user already exists.</source>
        <translation>Cet utilisateur existe déjà.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>There is no such user.</source>
        <translation>Cet utilisateur n’existe pas.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wrong passphrase for this data: nothing was opened or changed.</source>
        <translation>Phrase de passe incorrecte pour ces données : rien n’a été ouvert ni modifié.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This data is encrypted: its passphrase is needed to open it.</source>
        <translation>Ces données sont chiffrées : leur phrase de passe est nécessaire pour les ouvrir.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The passphrase must have at least 8 characters.</source>
        <translation>La phrase de passe doit compter au moins 8 caractères.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The key of this encrypted data is not in this computer's keyring, so it cannot be read. What was synced can be recovered by signing in again in a new data folder.</source>
        <translation>La clé de ces données chiffrées n’est pas dans le trousseau de cet ordinateur : elles ne peuvent pas être lues. Ce qui a été synchronisé peut être récupéré en se reconnectant dans un nouveau dossier de données.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The key could not be saved in the system keyring: use a passphrase.</source>
        <translation>La clé n’a pas pu être enregistrée dans le trousseau du système : utilisez une phrase de passe.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The database does not match this data's key, or it is damaged.</source>
        <translation>La base de données ne correspond pas à la clé de ces données, ou elle est abîmée.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The encryption settings of this data folder cannot be read.</source>
        <translation>Les réglages de chiffrement de ce dossier de données sont illisibles.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>An encrypted photo file is damaged or was sealed with another key.</source>
        <translation>Un fichier photo chiffré est abîmé ou a été scellé avec une autre clé.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This data is already encrypted.</source>
        <translation>Ces données sont déjà chiffrées.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This data is not encrypted.</source>
        <translation>Ces données ne sont pas chiffrées.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The encrypted data of this laptop cannot be opened.</source>
        <translation>Les données chiffrées de ce portable ne peuvent pas être ouvertes.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Only coordinators and admins can erase records already synced or made by someone else. You can delete it instead, or ask a coordinator.</source>
        <translation>Seuls les coordinateurs et les administrateurs peuvent effacer ce qui est déjà synchronisé ou créé par quelqu’un d’autre. Vous pouvez le supprimer, ou le demander à un coordinateur.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This FieldKit cannot open encrypted data (SQLCipher is missing).</source>
        <translation>Ce FieldKit ne peut pas ouvrir de données chiffrées (SQLCipher est absent).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This FieldKit's SQLCipher has no full-text search (FTS5): encrypted data cannot be opened.</source>
        <translation>Le SQLCipher de ce FieldKit n’a pas la recherche plein texte (FTS5) : les données chiffrées ne peuvent pas être ouvertes.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This FieldKit's SQLCipher is not version 4.</source>
        <translation>Le SQLCipher de ce FieldKit n’est pas en version 4.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This mission file cannot be used.</source>
        <translation>Ce fichier de mission est inutilisable.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is not a FieldKit mission file.</source>
        <translation>Ce n’est pas un fichier de mission FieldKit.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This mission file was changed after the server issued it (its signature does not match). Ask the coordinator for a new mission file.</source>
        <translation>Ce fichier de mission a été modifié après sa création par le serveur (sa signature ne correspond plus). Demandez un nouveau fichier de mission à la coordination.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This mission file was not issued by the server at %1. Nothing was sent to it. Ask the coordinator for a mission file from the mission's own server.</source>
        <translation>Ce fichier de mission n’a pas été créé par le serveur %1. Rien ne lui a été envoyé. Demandez à la coordination un fichier de mission venant du serveur de la mission.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This mission file was made for a newer FieldKit: update FieldKit.</source>
        <translation>Ce fichier de mission est destiné à une version plus récente de FieldKit : mettez FieldKit à jour.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server presents another certificate than the one in the mission file. Nothing was sent to it. Ask the coordinator whether its certificate changed.</source>
        <translation>Le serveur présente un autre certificat que celui du fichier de mission. Rien ne lui a été envoyé. Demandez à la coordination si son certificat a changé.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Give your user name.</source>
        <translation>Indiquez votre nom d’utilisateur.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This address does not answer as a FieldKit server.</source>
        <translation>Cette adresse ne répond pas comme un serveur FieldKit.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server's mission settings cannot be read.</source>
        <translation>Les réglages de mission du serveur sont illisibles.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“%1” is not a version number like 0.2.0.</source>
        <translation>« %1 » n’est pas un numéro de version comme 0.2.0.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The mission has no name: give one.</source>
        <translation>La mission n’a pas de nom : donnez-lui en un.</translation>
    </message>
</context>
<context>
    <name>FieldChoice</name>
    <message>
        <location filename="../../ui/sync/conflicts_view.py" line="-179" />
        <source>Before both changes: %1</source>
        <translation>Avant les deux modifications : %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Value to keep (edit it to merge both):</source>
        <translation>&amp;Valeur à garder (modifiez-la pour fusionner les deux) :</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Keep theirs</source>
        <translation>Garder la version du serveur</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep mine</source>
        <translation>Garder ma version</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Theirs: %1</source>
        <translation>Serveur : %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mine: %1</source>
        <translation>Moi : %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>deleted</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <location line="+0" />
        <source>kept</source>
        <translation>conservé</translation>
    </message>
    <message>
        <location line="+4" />
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../ui/sync/history_dialog.py" line="+73" />
        <source>yes</source>
        <extracomment>A long text is shown in the table as the words around its first change.</extracomment>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+2" />
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location line="+68" />
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deleted</source>
        <translation>Suppression</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Restored</source>
        <translation>Restauration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changed</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location line="+18" />
        <source>server</source>
        <translation>serveur</translation>
    </message>
    <message>
        <location line="+1" />
        <source>sent</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Conflict on %1</source>
        <translation>Conflit sur %1</translation>
    </message>
    <message>
        <location line="+18" />
        <source>kept the value sent</source>
        <translation>valeur envoyée gardée</translation>
    </message>
    <message>
        <location line="+1" />
        <source>kept the server's value</source>
        <translation>valeur du serveur gardée</translation>
    </message>
    <message>
        <location line="+1" />
        <source>merged by hand</source>
        <translation>fusion à la main</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Conflict resolved</source>
        <translation>Conflit résolu</translation>
    </message>
    <message>
        <location line="+9" />
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not sent yet</source>
        <translation>Pas encore envoyé</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location line="+120" />
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location line="+4" />
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+96" />
        <source>not logged in to a sync server</source>
        <translation>non connecté à un serveur de synchronisation</translation>
    </message>
    <message>
        <location line="-94" />
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <location line="-18" />
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Details of the event</source>
        <translation>Détail de l’événement</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Up to date with the server.</source>
        <translation>À jour avec le serveur.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location line="+0" />
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location line="+56" />
        <source>History — %1</source>
        <translation>Historique — %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Offline (%1): the history received on %2.</source>
        <translation>Hors ligne (%1) : historique reçu le %2.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Offline (%1): only what this computer knows (its conflicts and unsent changes).</source>
        <translation>Hors ligne (%1) : seulement ce que sait cet ordinateur (ses conflits et ses modifications non envoyées).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>this record is outside your régions</source>
        <translation>cette fiche est hors de vos régions</translation>
    </message>
    <message>
        <location line="+4" />
        <source>the server has no such record in your régions (not sent yet, or elsewhere)</source>
        <translation>le serveur n’a pas cette fiche dans vos régions (pas encore envoyée, ou ailleurs)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the server cannot be reached</source>
        <translation>le serveur est injoignable</translation>
    </message>
    <message>
        <location line="-99" />
        <source>The history could not be read: %1</source>
        <translation>L’historique n’a pas pu être lu : %1</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="-89" />
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location line="+0" />
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../ui/photos_tab.py" line="+201" />
        <source>Photo import</source>
        <extracomment>Extensions taken from a dropped folder (files dropped one by one are all tried, and the importer explains what it refuses).</extracomment>
        <translation>Import de photos</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n photo(s) imported.</source>
        <translation><numerusform>%n photo importée.</numerusform><numerusform>%n photos importées.</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import cancelled.</source>
        <translation>Import annulé.</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n file(s) already in this visit, skipped:</source>
        <translation><numerusform>%n fichier déjà présent dans cette visite, ignoré :</numerusform><numerusform>%n fichiers déjà présents dans cette visite, ignorés :</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Why it was refused</source>
        <translation>Motif du refus</translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n file(s) refused:</source>
        <translation><numerusform>%n fichier refusé :</numerusform><numerusform>%n fichiers refusés :</numerusform></translation>
    </message>
    <message>
        <location line="+10" />
        <source>This is not an image (or not a format FieldKit reads).</source>
        <translation>Ce n’est pas une image (ou pas un format que FieldKit sait lire).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This image format is not supported (JPEG, HEIC, PNG, WebP, TIFF, AVIF are).</source>
        <translation>Ce format d’image n’est pas pris en charge (JPEG, HEIC, PNG, WebP, TIFF et AVIF le sont).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The file is truncated: it ends before the image does.</source>
        <translation>Le fichier est tronqué : il s’arrête avant la fin de l’image.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The image is damaged and cannot be read.</source>
        <translation>L’image est endommagée et illisible.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The image declares far too many pixels (a possible decompression bomb).</source>
        <translation>L’image annonce beaucoup trop de pixels (peut-être une bombe de décompression).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The image declares an empty size.</source>
        <translation>L’image annonce une taille nulle.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is too large for a photo.</source>
        <translation>Le fichier est trop gros pour une photo.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file was not found.</source>
        <translation>Le fichier est introuvable.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This is not a file.</source>
        <translation>Ce n’est pas un fichier.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file cannot be read (check its permissions).</source>
        <translation>Le fichier est illisible (vérifiez ses droits d’accès).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file could not be copied (is the disk full?).</source>
        <translation>Le fichier n’a pas pu être copié (le disque est-il plein ?).</translation>
    </message>
</context>
<context>
    <name>Interview</name>
    <message>
        <location filename="../../ui/interview_model.py" line="+27" />
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location line="+1" />
        <source>User</source>
        <translation>Usager</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Elected official</source>
        <translation>Élu·e</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Given</source>
        <translation>Donné</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not asked</source>
        <translation>Non demandé</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <location filename="../../ui/interviews_tab.py" line="+137" />
        <source>Edit interview</source>
        <extracomment>The stored interview this dialog edits (its values are the base of the save).</extracomment>
        <translation>Modifier l’entretien</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New interview</source>
        <translation>Nouvel entretien</translation>
    </message>
    <message>
        <location line="+1" />
        <source>First and last name</source>
        <translation>Prénom et nom</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Pseudonymise in reports</source>
        <translation>Pseudonymiser dans les rapports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>One quote per line</source>
        <translation>Une citation par ligne</translation>
    </message>
    <message>
        <location line="+1" />
        <source>on</source>
        <translation>le</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date of consent</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Person:</source>
        <translation>&amp;Personne :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Consent:</source>
        <translation>&amp;Consentement :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notes:</source>
        <translation>&amp;Notes :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Key &amp;quotes:</source>
        <translation>Citations c&amp;lés :</translation>
    </message>
    <message>
        <location line="+47" />
        <source>Changed elsewhere while you were editing; your values are kept and OK saves them. The other values were: %1</source>
        <translation>Modifié ailleurs pendant que vous l’éditiez ; vos valeurs sont gardées et OK les enregistre. Les autres valeurs étaient : %1</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Without consent the person is always pseudonymised in every output.</source>
        <translation>Sans consentement, la personne est toujours pseudonymisée dans tout ce qui sort de FieldKit.</translation>
    </message>
</context>
<context>
    <name>InterviewModel</name>
    <message>
        <location filename="../../ui/interview_model.py" line="+66" />
        <source>(no name)</source>
        <extracomment>The raw value of the column (role/consent codes, bool), for sorting and tests.</extracomment>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>{consent} on {date}</source>
        <translation>{consent} le {date}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Yes (no consent)</source>
        <translation>Oui (sans consentement)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pseudonymised</source>
        <translation>Pseudonymisé</translation>
    </message>
</context>
<context>
    <name>InterviewsTab</name>
    <message>
        <location filename="../../ui/interviews_tab.py" line="+110" />
        <source>&amp;Add an interview…</source>
        <extracomment>The dialog just opened (tests and the shell may reach it; it is window-modal).</extracomment>
        <translation>&amp;Ajouter un entretien…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Erase permanently…</source>
        <translation>Effacer définitivement…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Destroy this interview everywhere, for good (a person's erasure request)</source>
        <translation>Détruire cet entretien partout, pour de bon (demande d’effacement d’une personne)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviews of the visit</source>
        <translation>Entretiens de la visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Who changed this interview, and when</source>
        <translation>Qui a modifié cet entretien, et quand</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the selected interview (Ctrl+Z to undo)</source>
        <translation>Supprimer l’entretien sélectionné (Ctrl+Z pour annuler)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete interview</source>
        <translation>Supprimer l’entretien</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No interview yet. Add the people you met with “Add an interview…”.</source>
        <translation>Aucun entretien pour l’instant. Ajoutez les personnes rencontrées avec « Ajouter un entretien… ».</translation>
    </message>
    <message>
        <location line="+197" />
        <source>Delete interview with {name}</source>
        <translation>suppression de l’entretien avec {name}</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Add interview with {name}</source>
        <translation>ajout de l’entretien avec {name}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit interview with {name}</source>
        <translation>modification de l’entretien avec {name}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/i18n.py" line="-466" />
        <source>Coworking space</source>
        <translation>Espace de coworking</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fablab</source>
        <translation>Fablab</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rural hub</source>
        <translation>Tiers-lieu rural</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shared workshop</source>
        <translation>Atelier partagé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Living lab</source>
        <translation>Living lab</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cultural third place</source>
        <translation>Tiers-lieu culturel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Final</source>
        <translation>Finalisée</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Postcode</source>
        <translation>Code postal</translation>
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
        <translation>Site web</translation>
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
        <translation>Date de la visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="+70" />
        <source>Sign in to the sync server</source>
        <translation>Connexion au serveur de synchronisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server &amp;address:</source>
        <translation>&amp;Adresse du serveur :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;User name:</source>
        <translation>&amp;Nom d’utilisateur :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Give the server address, your user name and your password.</source>
        <translation>Indiquez l’adresse du serveur, votre nom d’utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing was sent: tick the box to send your password.</source>
        <translation>Rien n’a été envoyé : cochez la case pour envoyer votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+479" />
        <location filename="../../ui/selftest.py" line="+33" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Synchronisation</source>
        <translation>&amp;Synchronisation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New &amp;place…</source>
        <translation>Nouveau &amp;lieu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Create a place (Ctrl+Shift+N)</source>
        <translation>Créer un lieu (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New &amp;visit</source>
        <translation>Nouvelle &amp;visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New visit for the selected place (Ctrl+N)</source>
        <translation>Nouvelle visite du lieu sélectionné (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New &amp;interview…</source>
        <translation>Nouvel &amp;entretien…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Add an interview to the selected visit (Ctrl+Shift+I)</source>
        <translation>Ajouter un entretien à la visite sélectionnée (Ctrl+Maj+I)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Edit place…</source>
        <translation>M&amp;odifier le lieu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import a list of places (&amp;CSV)…</source>
        <translation>Importer une liste de lieux (&amp;CSV)…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import photos into the visit (Ctrl+I)</source>
        <translation>Importer des photos dans la visite (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Explore the &amp;demo mission</source>
        <translation>Explorer la mission de &amp;démonstration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Delete the &amp;place</source>
        <translation>Supprimer le &amp;lieu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the &amp;visit</source>
        <translation>Supprimer la &amp;visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>History of the place…</source>
        <translation>Historique du lieu…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Who changed what, and when, on the selected place</source>
        <translation>Qui a modifié quoi, et quand, sur le lieu sélectionné</translation>
    </message>
    <message>
        <location line="+2" />
        <source>History of the visit…</source>
        <translation>Historique de la visite…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Who changed what, and when, on the selected visit</source>
        <translation>Qui a modifié quoi, et quand, sur la visite sélectionnée</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Erase the place permanently…</source>
        <translation>Effacer définitivement le lieu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Erase the visit permanently…</source>
        <translation>Effacer définitivement la visite…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Search…</source>
        <translation>Rec&amp;hercher…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Writing mode</source>
        <translation>Mode &amp;écriture</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Only the notes of the visit, filling the window (F11; Esc to return)</source>
        <translation>Seulement les notes de la visite, sur toute la fenêtre (F11 ; Échap pour revenir)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;About FieldKit</source>
        <translation>À &amp;propos de FieldKit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search places, visits, interviews (Ctrl+F)</source>
        <translation>Rechercher lieux, visites, entretiens (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Welcome to FieldKit</source>
        <translation>Bienvenue dans FieldKit</translation>
    </message>
    <message>
        <location line="+3" />
        <source>There is no place in this mission yet. Start by adding the tiers-lieux you will visit, or explore a demo mission to see how it works.</source>
        <translation>Cette mission ne compte encore aucun lieu. Commencez par ajouter les tiers-lieux que vous allez visiter, ou explorez une mission de démonstration pour découvrir l’application.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>New place…</source>
        <translation>Nouveau lieu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import a list of places (CSV)…</source>
        <translation>Importer une liste de lieux (CSV)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Explore the demo mission</source>
        <translation>Explorer la mission de démonstration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open a mission…</source>
        <translation>Ouvrir une mission…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Undo %1</source>
        <translation>&amp;Annuler : %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="-1" />
        <source>&amp;Redo %1</source>
        <translation>&amp;Rétablir : %1</translation>
    </message>
    <message>
        <location line="-77" />
        <source>Field visits to tiers-lieux</source>
        <translation>Visites de tiers-lieux</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Import p&amp;hotos…</source>
        <translation>Importer des &amp;photos…</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Places by région and département</source>
        <translation>Lieux par région et département</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visits</source>
        <translation>Visites</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing to undo</source>
        <translation>Rien à annuler</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing to redo</source>
        <translation>Rien à rétablir</translation>
    </message>
    <message>
        <location line="+55" />
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Last sync: %1</source>
        <translation>Dernière synchro : %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Never synchronised</source>
        <translation>Jamais synchronisé</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n change(s) to send</source>
        <translation><numerusform>%n modification à envoyer</numerusform><numerusform>%n modifications à envoyer</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n conflict(s)</source>
        <translation><numerusform>%n conflit</numerusform><numerusform>%n conflits</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+241" />
        <source>%n visit(s)</source>
        <translation><numerusform>%n visite</numerusform><numerusform>%n visites</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search results — %1</source>
        <translation>Résultats de la recherche — %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>All visits — %1</source>
        <translation>Toutes les visites — %1</translation>
    </message>
    <message>
        <location line="+80" />
        <source>Type at least two letters…</source>
        <translation>Tapez au moins deux lettres…</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n result(s)</source>
        <translation><numerusform>%n résultat</numerusform><numerusform>%n résultats</numerusform></translation>
    </message>
    <message>
        <location line="+99" />
        <source>Place “%1” deleted — Ctrl+Z to undo.</source>
        <translation>Lieu « %1 » supprimé — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Select a place first.</source>
        <translation>Sélectionnez d’abord un lieu.</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Visit deleted — Ctrl+Z to undo.</source>
        <translation>Visite supprimée — Ctrl+Z pour annuler.</translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>Erased for good: %n record(s). The next sync carries the erasure everywhere.</source>
        <translation><numerusform>Effacé définitivement : %n élément. La prochaine synchronisation propage l’effacement.</numerusform><numerusform>Effacés définitivement : %n éléments. La prochaine synchronisation propage l’effacement.</numerusform></translation>
    </message>
    <message>
        <location line="+40" />
        <source>FieldKit</source>
        <translation>FieldKit</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Could not read the mission: %1</source>
        <translation>Impossible de lire la mission : %1</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Import a list of places</source>
        <translation>Importer une liste de lieux</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Importing places…</source>
        <translation>Import des lieux…</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Demo mission</source>
        <translation>Mission de démonstration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Building the demo mission…</source>
        <translation>Création de la mission de démonstration…</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Demo mission ready: %1 places, %2 visits.</source>
        <translation>Mission de démonstration prête : %1 lieux, %2 visites.</translation>
    </message>
</context>
<context>
    <name>MapAction</name>
    <message>
        <location filename="../../ui/map_view.py" line="-214" />
        <source>&amp;Map</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The places of the selection on a map (Ctrl+M)</source>
        <translation>Les lieux de la sélection sur une carte (Ctrl+M)</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location line="+65" />
        <source>Geography: INSEE (Code officiel géographique 2025, grille communale de densité, aires d'attraction des villes, populations), La Poste (base officielle des codes postaux), IGN (Admin Express outlines), under the Licence Ouverte / Etalab 2.0.</source>
        <translation>Géographie : INSEE (Code officiel géographique 2025, grille communale de densité, aires d’attraction des villes, populations), La Poste (base officielle des codes postaux), IGN (contours Admin Express), sous Licence Ouverte / Etalab 2.0.</translation>
    </message>
</context>
<context>
    <name>MapWindow</name>
    <message>
        <location line="-203" />
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Map of the places</source>
        <translation>Carte des lieux</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Map: %1</source>
        <translation>Carte : %1</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+21" />
        <source>visited</source>
        <translation>visité</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+19" />
        <source>not visited yet</source>
        <translation>pas encore visité</translation>
    </message>
    <message>
        <location line="-18" />
        <source>no coordinates: at the commune centre (approximate)</source>
        <translation>sans coordonnées : au centre de la commune (approximatif)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>wheel to zoom, drag to move, click a point to open it</source>
        <translation>molette pour zoomer, glisser pour déplacer, clic sur un point pour l’ouvrir</translation>
    </message>
    <message>
        <location line="+16" />
        <source>approximate position: commune centre</source>
        <translation>position approximative : centre de la commune</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Mission overview</source>
        <translation>Vue d’ensemble de la mission</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 places listed, %2 visited</source>
        <translation>%1 lieux recensés, %2 visités</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 outside the grands centres urbains (density grid, level 1)</source>
        <translation>%1 hors des grands centres urbains (grille de densité, niveau 1)</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+11" />
        <source>%1 of the visited</source>
        <translation>%1 des lieux visités</translation>
    </message>
    <message>
        <location line="-5" />
        <source>%1 outside any aire d'attraction des villes (INSEE zoning 2020)</source>
        <translation>%1 hors de toute aire d’attraction des villes (zonage INSEE 2020)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>%1 place(s) without a settled commune</source>
        <translation>%1 lieu(x) sans commune réglée</translation>
    </message>
    <message>
        <location line="+2" />
        <source>By density level</source>
        <translation>Par niveau de densité</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1. %2: %3 (%4)</source>
        <translation>%1. %2 : %3 (%4)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Per 100,000 inhabitants</source>
        <translation>Pour 100 000 habitants</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 %2: %3 (%4)</source>
        <translation>%1 %2 : %3 (%4)</translation>
    </message>
</context>
<context>
    <name>Mission</name>
    <message>
        <location filename="../../ui/mission.py" line="+54" />
        <source>Wrong user name or password.</source>
        <translation>Nom d’utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The mission's server cannot be reached. Try again once this computer is online.</source>
        <translation>Le serveur de la mission est injoignable. Réessayez quand cet ordinateur sera connecté.</translation>
    </message>
</context>
<context>
    <name>MissionDialog</name>
    <message>
        <location line="+52" />
        <source>Open a mission</source>
        <translation>Ouvrir une mission</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This mission file sets up the sync server. Give your password to sign in.</source>
        <translation>Ce fichier de mission configure le serveur de synchronisation. Indiquez votre mot de passe pour vous connecter.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Mission:</source>
        <translation>Mission :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>User name:</source>
        <translation>Nom d’utilisateur :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sign in and synchronise</source>
        <translation>Se connecter et synchroniser</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Give your user name and your password.</source>
        <translation>Indiquez votre nom d’utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing was sent: tick the box to send your password.</source>
        <translation>Rien n’a été envoyé : cochez la case pour envoyer votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>MissionUi</name>
    <message>
        <location line="+123" />
        <source>Open a &amp;mission…</source>
        <translation>Ouvrir une &amp;mission…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set up the sync server from the coordinator's file</source>
        <translation>Configurer le serveur de synchronisation avec le fichier de la coordination</translation>
    </message>
    <message>
        <location line="+31" />
        <location line="+14" />
        <source>Open a mission</source>
        <translation>Ouvrir une mission</translation>
    </message>
    <message>
        <location line="-12" />
        <source>FieldKit missions (*.fieldkit)</source>
        <translation>Missions FieldKit (*.fieldkit)</translation>
    </message>
    <message>
        <location line="+56" />
        <source>Mission set up: first synchronisation…</source>
        <translation>Mission configurée : première synchronisation…</translation>
    </message>
</context>
<context>
    <name>NavTreeModel</name>
    <message>
        <location filename="../../ui/models.py" line="+218" />
        <source>(no code)</source>
        <extracomment>Custom roles shared by the models. Big row lists waiting to be freed once the event loop is idle again.</extracomment>
        <translation>(sans code)</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Visits</source>
        <translation>Visites</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../../ui/i18n.py" line="-49" />
        <source>%1%</source>
        <extracomment>The languages offered in Affichage → Langue, with their names in their own language. How every date field of the app shows a date (QDateEdit.displayFormat), in any language.</extracomment>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>Pending</name>
    <message>
        <location filename="../../ui/sync/pending_view.py" line="+52" />
        <source>B</source>
        <translation>o</translation>
    </message>
    <message>
        <location line="+1" />
        <source>KB</source>
        <translation>Ko</translation>
    </message>
    <message>
        <location line="+1" />
        <source>MB</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>GB</source>
        <translation>Go</translation>
    </message>
    <message>
        <location line="+55" />
        <source>What it belongs to is not on the server (refused, or not sent yet).</source>
        <translation>Ce à quoi elle appartient n’est pas sur le serveur (refusé, ou pas encore envoyé).</translation>
    </message>
    <message>
        <location line="+6" />
        <location line="+2" />
        <source>The server refused this change.</source>
        <translation>Le serveur a refusé cette modification.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>It is set aside; your other changes are sent without it.</source>
        <translation>Elle est mise de côté ; vos autres modifications partent sans elle.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo file missing</source>
        <translation>Fichier photo manquant</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change to send</source>
        <translation>Modification à envoyer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo to send</source>
        <translation>Photo à envoyer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflict resolution to send</source>
        <translation>Résolution de conflit à envoyer</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview</source>
        <translation>Entretien</translation>
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
        <translation>Ce qui reste à envoyer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open the record</source>
        <translation>&amp;Ouvrir l’élément</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fix it there: once edited, a refused change is sent again at the next sync.</source>
        <translation>Corrigez-le là : une fois modifiée, une modification refusée est renvoyée à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Send &amp;again</source>
        <translation>&amp;Renvoyer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Discard this change</source>
        <translation>&amp;Abandonner cette modification</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Give it up: the record here goes back to what the server holds.</source>
        <translation>Y renoncer : l’élément revient ici à ce que le serveur contient.</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location line="-78" />
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Record</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
</context>
<context>
    <name>PendingTexts</name>
    <message>
        <location line="-137" />
        <source>Nothing is sent from the demo</source>
        <translation>Rien n’est envoyé depuis la démonstration</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Everything is sent</source>
        <translation>Tout est envoyé</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s)</source>
        <translation><numerusform>%n modification</numerusform><numerusform>%n modifications</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n photo(s)</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n photo file(s) missing</source>
        <translation><numerusform>%n fichier photo manquant</numerusform><numerusform>%n fichiers photo manquants</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n refused</source>
        <translation><numerusform>%n refusée</numerusform><numerusform>%n refusées</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n resolution(s)</source>
        <translation><numerusform>%n résolution</numerusform><numerusform>%n résolutions</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>To send: %1</source>
        <translation>Reste à envoyer : %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>creation</source>
        <translation>création</translation>
    </message>
    <message>
        <location line="+1" />
        <source>modification</source>
        <translation>modification</translation>
    </message>
    <message>
        <location line="+1" />
        <source>deletion</source>
        <translation>suppression</translation>
    </message>
    <message>
        <location line="+1" />
        <source>restoration</source>
        <translation>restauration</translation>
    </message>
    <message>
        <location line="+1" />
        <source>resolution</source>
        <translation>résolution</translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <location filename="../../ui/photo_model.py" line="+229" />
        <source>(no caption)</source>
        <extracomment>Drag-and-drop type for reordering photos inside the grid (a JSON list of photo ids). True once the row's real thumbnail is loaded (False: placeholder shown).</extracomment>
        <translation>(sans légende)</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Taken {when}</source>
        <translation>Prise le {when}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not in the report</source>
        <translation>Absente du rapport</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../ui/photo_viewer.py" line="+90" />
        <source>◀ Previous</source>
        <translation>◀ Précédente</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next ▶</source>
        <translation>Suivante ▶</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Photo {n} of {total} — {name}</source>
        <translation>Photo {n} sur {total} — {name}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Downloading the photo from the server…</source>
        <translation>Téléchargement de la photo depuis le serveur…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>The original of this photo is not on this computer yet (it will come with the next sync).</source>
        <translation>L’original de cette photo n’est pas encore sur cet ordinateur (il arrivera avec la prochaine synchronisation).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>This photo cannot be shown: {error}</source>
        <translation>Impossible d’afficher cette photo : {error}</translation>
    </message>
</context>
<context>
    <name>PhotosTab</name>
    <message>
        <location filename="../../ui/photos_tab.py" line="+101" />
        <source>&amp;Import photos…</source>
        <translation>&amp;Importer des photos…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import photos (Ctrl+I), or drop files here</source>
        <translation>Importer des photos (Ctrl+I), ou déposer des fichiers ici</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move &amp;earlier</source>
        <translation>Déplacer &amp;avant</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move &amp;later</source>
        <translation>Déplacer a&amp;près</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>&amp;Voir</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos of the visit</source>
        <translation>Photos de la visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the selected photos (Ctrl+Z to undo)</source>
        <translation>Supprimer les photos sélectionnées (Ctrl+Z pour annuler)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete photos</source>
        <translation>Supprimer les photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What the photo shows</source>
        <translation>Ce que montre la photo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Include in the report</source>
        <translation>Inclure dans le rapport</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No photos yet. Drag photos from your file manager here, or use “Import photos…” (Ctrl+I).</source>
        <translation>Aucune photo pour l’instant. Glissez ici des photos depuis votre gestionnaire de fichiers, ou utilisez « Importer des photos… » (Ctrl+I).</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Caption:</source>
        <translation>&amp;Légende :</translation>
    </message>
    <message>
        <location line="+84" />
        <source>Import photos</source>
        <translation>Importer des photos</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;All files (*)</source>
        <translation>Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>An import is already running.</source>
        <translation>Un import est déjà en cours.</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>Importing %n photo(s)…</source>
        <translation><numerusform>Import de %n photo…</numerusform><numerusform>Import de %n photos…</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Photo import</source>
        <translation>Import de photos</translation>
    </message>
    <message numerus="yes">
        <location line="+45" />
        <source>%n photo(s) imported.</source>
        <translation><numerusform>%n photo importée.</numerusform><numerusform>%n photos importées.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+66" />
        <source>Reorder %n photo(s)</source>
        <translation><numerusform>réordonnancement de %n photo</numerusform><numerusform>réordonnancement de %n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Delete %n photo(s)</source>
        <translation><numerusform>suppression de %n photo</numerusform><numerusform>suppression de %n photos</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Delete photo</source>
        <translation>suppression de la photo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit photo caption</source>
        <translation>modification de la légende</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Include photo in report</source>
        <translation>inclusion de la photo dans le rapport</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Leave photo out of report</source>
        <translation>retrait de la photo du rapport</translation>
    </message>
    <message numerus="yes">
        <location line="+57" />
        <source>%n photo(s) selected.</source>
        <translation><numerusform>%n photo sélectionnée.</numerusform><numerusform>%n photos sélectionnées.</numerusform></translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <location filename="../../ui/place_dialog.py" line="+155" />
        <source>Edit place</source>
        <extracomment>The fields this dialog edits, in the order of the form.</extracomment>
        <translation>Modifier le lieu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New place</source>
        <translation>Nouveau lieu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Postcode:</source>
        <translation>Code &amp;postal :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Département:</source>
        <translation>Département :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Région:</source>
        <translation>Région :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Commune:</source>
        <translation>&amp;Commune :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>INSEE code:</source>
        <translation>Code INSEE :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>La&amp;titude:</source>
        <translation>&amp;Latitude :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lon&amp;gitude:</source>
        <translation>Lon&amp;gitude :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Website:</source>
        <translation>Site &amp;web :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;ontact:</source>
        <translation>C&amp;ontact :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Description:</source>
        <translation>&amp;Description :</translation>
    </message>
    <message>
        <location line="+6" />
        <source>e.g. La Cordée Béziers</source>
        <translation>p. ex. La Cordée Béziers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>5 digits</source>
        <translation>5 chiffres</translation>
    </message>
    <message>
        <location line="+138" />
        <source>Not in a département: %1</source>
        <translation>Hors département : %1</translation>
    </message>
    <message>
        <location line="+13" />
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 — depends on the commune</source>
        <translation>%1 — selon la commune</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Several communes match: pick one from the list (%1).</source>
        <translation>Plusieurs communes correspondent : choisissez-en une dans la liste (%1).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>No such commune for this postcode: the place will be listed to settle.</source>
        <translation>Pas de commune de ce nom pour ce code postal : le lieu sera listé pour être réglé.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>e.g. 43.344</source>
        <translation>p. ex. 43,344</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. 3.215</source>
        <translation>p. ex. 3,215</translation>
    </message>
    <message>
        <location line="+3" />
        <source>≈ %1 (commune centre)</source>
        <translation>≈ %1 (centre de la commune)</translation>
    </message>
    <message>
        <location line="-144" />
        <source>Changed elsewhere while you were editing; your values are kept and OK saves them. The other values were: %1</source>
        <translation>Modifié ailleurs pendant que vous l’éditiez ; vos valeurs sont gardées et OK les enregistre. Les autres valeurs étaient : %1</translation>
    </message>
    <message>
        <location line="+78" />
        <source>Not a French postcode</source>
        <translation>Ce n’est pas un code postal français</translation>
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
        <translation>Import de lieux</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Created: %1 · Updated: %2 · Unchanged: %3</source>
        <translation>Créés : %1 · Modifiés : %2 · Inchangés : %3</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Line %1: %2</source>
        <translation>Ligne %1 : %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Line %1 (warning): %2</source>
        <translation>Ligne %1 (avertissement) : %2</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n line(s) could not be imported:</source>
        <translation><numerusform>%n ligne n’a pas pu être importée :</numerusform><numerusform>%n lignes n’ont pas pu être importées :</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Every line was imported.</source>
        <translation>Toutes les lignes ont été importées.</translation>
    </message>
</context>
<context>
    <name>PlainHttpConsent</name>
    <message>
        <location filename="../../ui/sync/plain_http.py" line="+35" />
        <source>This address is not encrypted (http://): your password and your login would cross the network readable by anyone on the way. Ask the coordinator for an https:// address.</source>
        <translation>Cette adresse n’est pas chiffrée (http://) : votre mot de passe et votre connexion traverseraient le réseau lisibles par quiconque sur le chemin. Demandez à la coordination une adresse en https://.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Send my password anyway</source>
        <translation>Envoyer quand même mon mot de passe</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/qt_strings.py" line="+16" />
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>ReportsAction</name>
    <message>
        <location filename="../../ui/reports_dialog.py" line="+784" />
        <source>&amp;Regional reports…</source>
        <translation>&amp;Rapports régionaux…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print one PDF visit report per region</source>
        <translation>Imprimer un rapport de visites PDF par région</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location line="-433" />
        <source>Regional reports</source>
        <translation>Rapports régionaux</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Regions to print</source>
        <translation>Régions à imprimer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Also a national summary (table and chart of regions)</source>
        <translation>Aussi une synthèse nationale (tableau et graphique des régions)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only visits from</source>
        <translation>Seulement les visites du</translation>
    </message>
    <message>
        <location line="+1" />
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Include draft visits</source>
        <translation>Inclure les visites en brouillon</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos:</source>
        <translation>Photos :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print quality (large file)</source>
        <translation>Qualité impression (fichier lourd)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Screen quality (lighter file)</source>
        <translation>Qualité écran (fichier plus léger)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Leave photos out</source>
        <translation>Sans les photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save in:</source>
        <translation>Enregistrer dans :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Build the reports</source>
        <translation>Créer les rapports</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message numerus="yes">
        <location line="+52" />
        <source>%n visit(s)</source>
        <translation><numerusform>%n visite</numerusform><numerusform>%n visites</numerusform></translation>
    </message>
    <message>
        <location line="+32" />
        <source>Folder for the reports</source>
        <translation>Dossier des rapports</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Tick at least one region (or the national summary).</source>
        <translation>Cochez au moins une région (ou la synthèse nationale).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Choose the folder where the reports go.</source>
        <translation>Choisissez le dossier des rapports.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The period ends before it starts.</source>
        <translation>La période se termine avant de commencer.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Building…</source>
        <translation>Création…</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Photos: %1 / %2</source>
        <translation>Photos : %1 / %2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Building the national summary…</source>
        <translation>Création de la synthèse nationale…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Building the report of %1…</source>
        <translation>Création du rapport « %1 »…</translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Cancelled. %n report(s) had been finished.</source>
        <translation><numerusform>Annulé. %n rapport était terminé.</numerusform><numerusform>Annulé. %n rapports étaient terminés.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n report(s) built.</source>
        <translation><numerusform>%n rapport créé.</numerusform><numerusform>%n rapports créés.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n photo(s) could not be included; they are listed at the end of the reports:</source>
        <translation><numerusform>%n photo n’a pas pu être reproduite ; elle est signalée à la fin des rapports :</numerusform><numerusform>%n photos n’ont pas pu être reproduites ; elles sont signalées à la fin des rapports :</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>… and %n more.</source>
        <translation><numerusform>… et %n autre.</numerusform><numerusform>… et %n autres.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n report(s) could not be built:</source>
        <translation><numerusform>%n rapport n’a pas pu être créé :</numerusform><numerusform>%n rapports n’ont pas pu être créés :</numerusform></translation>
    </message>
    <message>
        <location line="+17" />
        <source>its file on this laptop is damaged</source>
        <translation>son fichier sur ce portable est illisible</translation>
    </message>
    <message>
        <location line="+9" />
        <source>• %1, %2, %3: %4</source>
        <translation>• %1, %2, %3 : %4</translation>
    </message>
    <message>
        <location line="+11" />
        <source>not on this laptop, which is not signed in to a server</source>
        <translation>absente de ce portable, qui n’est connecté à aucun serveur</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not on this laptop; the demo never connects to a server</source>
        <translation>absente de ce portable ; la démonstration ne se connecte jamais à un serveur</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not on this laptop, and the server could not be reached</source>
        <translation>absente de ce portable, et le serveur est injoignable</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not on this laptop, and the server does not have it for this account</source>
        <translation>absente de ce portable, et le serveur ne l’a pas pour ce compte</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not on this laptop, and the server refused to send it</source>
        <translation>absente de ce portable, et le serveur a refusé de l’envoyer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>erased on the server</source>
        <translation>effacée sur le serveur</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the file received from the server was damaged (fingerprint does not match)</source>
        <translation>le fichier reçu du serveur était abîmé (empreinte différente)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>not on this laptop</source>
        <translation>absente de ce portable</translation>
    </message>
    <message>
        <location line="+4" />
        <source>National summary</source>
        <translation>Synthèse nationale</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unexpected error: %1</source>
        <translation>Erreur inattendue : %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the file %1 could not be written (%2).</source>
        <translation>le fichier %1 n’a pas pu être écrit (%2).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the process building it stopped unexpectedly.</source>
        <translation>le processus qui le créait s’est arrêté.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The reports could not be built: %1</source>
        <translation>Impossible de créer les rapports : %1</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Rendering the pages…</source>
        <translation>Rendu des pages…</translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>First %1 of %n page(s); open the PDF to see them all.</source>
        <translation><numerusform>%1 premières pages sur %n ; ouvrez le PDF pour les voir toutes.</numerusform><numerusform>%1 premières pages sur %n ; ouvrez le PDF pour les voir toutes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n page(s)</source>
        <translation><numerusform>%n page</numerusform><numerusform>%n pages</numerusform></translation>
    </message>
    <message>
        <location line="+20" />
        <source>The preview failed: %1</source>
        <translation>L’aperçu a échoué : %1</translation>
    </message>
</context>
<context>
    <name>RetentionAction</name>
    <message>
        <location filename="../../ui/retention_ui.py" line="+483" />
        <source>Name re&amp;tention…</source>
        <translation>Durée de &amp;conservation des noms…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The date from which no interviewee is named, and what it replaces</source>
        <translation>La date à partir de laquelle plus personne n’est nommé, et ce qu’elle remplace</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location line="-264" />
        <source>Retention of names</source>
        <translation>Durée de conservation des noms</translation>
    </message>
    <message>
        <location line="+3" />
        <source>From the retention date, every output (reports, exports, listings) shows each interviewee by their pseudonym, consent or not. Once the date has come, the stored names are replaced too: the name fields, and full names written exactly as stored in the notes. Nothing else is rewritten; the next sync carries the changes to every computer.</source>
        <translation>À partir de la date de conservation, tout ce qui sort (rapports, exports, listes) montre chaque personne interrogée par son pseudonyme, consentement ou non. Une fois la date venue, les noms enregistrés sont remplacés eux aussi : les champs de nom, et les noms complets écrits exactement tels qu’enregistrés dans les notes. Rien d’autre n’est réécrit ; la synchronisation suivante porte les changements sur chaque ordinateur.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Retention &amp;date:</source>
        <translation>&amp;Date de conservation :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Retention date</source>
        <translation>Date de conservation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Day/month/year</source>
        <translation>Jour/mois/année</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What &amp;will change (nothing is written yet):</source>
        <translation>&amp;Ce qui changera (rien n’est encore écrit) :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview of the changes</source>
        <translation>Aperçu des changements</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Working</source>
        <translation>Travail en cours</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Apply the retention date</source>
        <translation>Appliquer la date de conservation</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set the date; once it has come, replace the stored names as previewed</source>
        <translation>Enregistre la date ; une fois venue, remplace les noms enregistrés comme dans l’aperçu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Remove the date</source>
        <translation>&amp;Retirer la date</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove the retention date</source>
        <translation>Retirer la date de conservation</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Reading the mission…</source>
        <translation>Lecture de la mission…</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Retention date set now: %1.</source>
        <translation>Date de conservation enregistrée : %1.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No retention date is set: consenting people may be named in outputs.</source>
        <translation>Aucune date de conservation : les personnes qui ont consenti peuvent être nommées dans ce qui sort.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The date has come: « Apply » replaces at once what follows, on this computer now and everywhere at the next sync.</source>
        <translation>La date est venue : « Appliquer » remplace tout de suite ce qui suit, sur cet ordinateur maintenant et partout à la synchronisation suivante.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>From %1, outputs show pseudonyms only; then what follows is replaced (at the first sync from that day, or here with « Apply »).</source>
        <translation>À partir du %1, tout ce qui sort ne montre que des pseudonymes ; puis ce qui suit est remplacé (à la première synchronisation de ce jour-là, ou ici avec « Appliquer »).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Nothing to replace: no stored name is left.</source>
        <translation>Rien à remplacer : il ne reste aucun nom enregistré.</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n change(s):</source>
        <translation><numerusform>%n changement :</numerusform><numerusform>%n changements :</numerusform></translation>
    </message>
    <message>
        <location line="+4" />
        <source>Samples (as they will read):</source>
        <translation>Échantillons (tels qu’ils se liront) :</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Left as they are: first names or surnames alone, and any form not written exactly as the full name (outputs hide them); the visits' staff and the places' directory fields.</source>
        <translation>Laissés tels quels : prénoms ou noms seuls, et toute forme qui n’est pas écrite exactement comme le nom complet (ce qui sort les cache) ; les visiteurs des visites et les champs d’annuaire des lieux.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Interview: name replaced by its pseudonym</source>
        <translation>Entretien : nom remplacé par son pseudonyme</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interview: organisation named after the person, replaced by its kind</source>
        <translation>Entretien : organisation qui porte le nom de la personne, remplacée par sa nature</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interview notes: full name replaced</source>
        <translation>Notes d’entretien : nom complet remplacé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview quotes: full name replaced</source>
        <translation>Citations d’entretien : nom complet remplacé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit notes: full name replaced</source>
        <translation>Notes de visite : nom complet remplacé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit summary: full name replaced</source>
        <translation>Résumé de visite : nom complet remplacé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photo caption: full name replaced</source>
        <translation>Légende de photo : nom complet remplacé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place description: full name replaced</source>
        <translation>Description de lieu : nom complet remplacé</translation>
    </message>
    <message>
        <location line="+15" />
        <location line="+67" />
        <source>Applying…</source>
        <translation>Application en cours…</translation>
    </message>
    <message>
        <location line="-33" />
        <source>The mission changed since the preview: nothing was written. Check the new preview, then apply again.</source>
        <translation>La mission a changé depuis l’aperçu : rien n’a été écrit. Vérifiez le nouvel aperçu, puis appliquez à nouveau.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Retention date set: %1. Nothing stored was rewritten yet; </source>
        <translation>Date de conservation enregistrée : %1. Rien d’enregistré n’est encore réécrit ; </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s) previewed will be applied once the date has come.</source>
        <translation><numerusform>%n changement de l’aperçu sera appliqué une fois la date venue.</numerusform><numerusform>%n changements de l’aperçu seront appliqués une fois la date venue.</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>Retention date set: %1. Nothing was rewritten: no stored name is left.</source>
        <translation>Date de conservation enregistrée : %1. Rien n’a été réécrit : il ne reste aucun nom enregistré.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Retention date set: %1. </source>
        <translation>Date de conservation enregistrée : %1. </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n change(s) applied</source>
        <translation><numerusform>%n changement appliqué</numerusform><numerusform>%n changements appliqués</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>, %n name(s) replaced by their pseudonym.</source>
        <translation><numerusform>, %n nom remplacé par son pseudonyme.</numerusform><numerusform>, %n noms remplacés par leur pseudonyme.</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>Left untouched: first names or surnames alone and other forms of the names (outputs hide them), the visits' staff and the places' directory fields. The next sync carries the changes to the server.</source>
        <translation>Laissés intacts : prénoms ou noms seuls et autres formes des noms (ce qui sort les cache), les visiteurs des visites et les champs d’annuaire des lieux. La synchronisation suivante porte les changements au serveur.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>The retention date is removed. Names already replaced stay pseudonyms.</source>
        <translation>La date de conservation est retirée. Les noms déjà remplacés restent des pseudonymes.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Nothing was changed: %1</source>
        <translation>Rien n’a été changé : %1</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../ui/models.py" line="+202" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interview</source>
        <translation>Entretien</translation>
    </message>
</context>
<context>
    <name>SupportMenu</name>
    <message>
        <location filename="../../ui/support_menu.py" line="+65" />
        <source>Open the &amp;data folder</source>
        <translation>Ouvrir le &amp;dossier des données</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Copy the diagnostic report</source>
        <translation>&amp;Copier le rapport de diagnostic</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Versions, folders and last errors, for support; no personal data</source>
        <translation>Versions, dossiers et dernières erreurs, pour l’assistance ; aucune donnée personnelle</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Diagnostic report copied: paste it into your message to support.</source>
        <translation>Rapport de diagnostic copié : collez-le dans votre message à l’assistance.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync/controller.py" line="+268" />
        <source>Not signed in to the sync server: sign in first (%1).</source>
        <extracomment>Automatic sync: this long after edits settle, and every AUTO_PERIOD_MS anyway. QSettings key remembering whether automatic sync is on (it is, unless turned off).</extracomment>
        <translation>Vous n’êtes pas connecté au serveur de synchronisation : connectez-vous d’abord (%1).</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The sync server cannot be reached. Nothing is lost: your changes stay on this computer until the next sync.</source>
        <translation>Le serveur de synchronisation est injoignable. Rien n’est perdu : vos modifications restent sur cet ordinateur jusqu’à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Sync cancelled; what was already exchanged is kept.</source>
        <translation>Synchronisation annulée ; ce qui a déjà été échangé est conservé.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation : %1</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <location filename="../../ui/sync/__init__.py" line="+108" />
        <source>&amp;Synchronise</source>
        <translation>&amp;Synchroniser</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send and receive changes (F5)</source>
        <translation>Envoyer et recevoir les modifications (F5)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Synchronise and download every &amp;photo</source>
        <translation>Synchroniser et télécharger toutes les &amp;photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflits…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign &amp;in…</source>
        <translation>Se co&amp;nnecter…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What is &amp;left to send…</source>
        <translation>Ce qui &amp;reste à envoyer…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Is &amp;everything sent?</source>
        <translation>&amp;Tout est-il envoyé ?</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Before handing this computer back: would anything be lost if it were wiped?</source>
        <translation>Avant de rendre cet ordinateur : perdrait-on quelque chose s’il était effacé ?</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Automatic synchronisation</source>
        <translation>Synchronisation &amp;automatique</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Synchronise a few seconds after your edits, and every few minutes</source>
        <translation>Synchroniser quelques secondes après vos modifications, et toutes les quelques minutes</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Synchronising…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>What is only on this computer: click for the list</source>
        <translation>Ce qui n’existe que sur cet ordinateur : cliquez pour la liste</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Nothing is sent from the demo: it stays on this computer, and wiping it would lose nothing of a real mission.</source>
        <translation>Rien n’est envoyé depuis la démonstration : elle reste sur cet ordinateur, et l’effacer ne ferait perdre aucune donnée d’une vraie mission.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Nothing here yet: wiping this computer would lose nothing.</source>
        <translation>Rien ici pour l’instant : effacer cet ordinateur ne perdrait rien.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This computer has never been synchronised: everything in it exists only here. Sign in and synchronise before handing it back.</source>
        <translation>Cet ordinateur n’a jamais été synchronisé : tout ce qu’il contient n’existe qu’ici. Connectez-vous et synchronisez avant de le rendre.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Everything is on the server: wiping this computer would lose nothing.</source>
        <translation>Tout est sur le serveur : effacer cet ordinateur ne perdrait rien.</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s) not yet on the server</source>
        <translation><numerusform>%n modification pas encore sur le serveur</numerusform><numerusform>%n modifications pas encore sur le serveur</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n photo(s) not yet on the server</source>
        <translation><numerusform>%n photo pas encore sur le serveur</numerusform><numerusform>%n photos pas encore sur le serveur</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n photo(s) whose file is missing on this disk and was never sent: only the original can bring it back</source>
        <translation><numerusform>%n photo dont le fichier manque sur ce disque et n’a jamais été envoyé : seul l’original peut la retrouver</numerusform><numerusform>%n photos dont le fichier manque sur ce disque et n’a jamais été envoyé : seuls les originaux peuvent les retrouver</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n change(s) refused by the server, to fix or discard</source>
        <translation><numerusform>%n modification refusée par le serveur, à corriger ou abandonner</numerusform><numerusform>%n modifications refusées par le serveur, à corriger ou abandonner</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n conflict resolution(s) not yet on the server</source>
        <translation><numerusform>%n résolution de conflit pas encore sur le serveur</numerusform><numerusform>%n résolutions de conflit pas encore sur le serveur</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n open conflict(s) the server no longer has (restored from an older backup): the next synchronisation sends them again</source>
        <translation><numerusform>%n conflit ouvert que le serveur n’a plus (restauré depuis une sauvegarde plus ancienne) : la prochaine synchronisation le renvoie</numerusform><numerusform>%n conflits ouverts que le serveur n’a plus (restauré depuis une sauvegarde plus ancienne) : la prochaine synchronisation les renvoie</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>%n open conflict(s) that could not be checked: the server cannot be reached</source>
        <translation><numerusform>%n conflit ouvert qui n’a pas pu être vérifié : le serveur est injoignable</numerusform><numerusform>%n conflits ouverts qui n’ont pas pu être vérifiés : le serveur est injoignable</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>No: if this computer were wiped now, you would lose:</source>
        <translation>Non : si cet ordinateur était effacé maintenant, vous perdriez :</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Synchronise (F5) before handing it back.</source>
        <translation>Synchronisez (F5) avant de le rendre.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Is everything sent?</source>
        <translation>Tout est-il envoyé ?</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Synchronised: %1, %2, %3.</source>
        <translation>Synchronisé : %1, %2, %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n sent</source>
        <translation><numerusform>%n envoyé</numerusform><numerusform>%n envoyés</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n received</source>
        <translation><numerusform>%n reçu</numerusform><numerusform>%n reçus</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n new conflict(s)</source>
        <translation><numerusform>%n nouveau conflit</numerusform><numerusform>%n nouveaux conflits</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>%n erased record(s) removed from this computer.</source>
        <translation><numerusform>%n élément effacé définitivement retiré de cet ordinateur.</numerusform><numerusform>%n éléments effacés définitivement retirés de cet ordinateur.</numerusform></translation>
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
        <translation>Voir la liste</translation>
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
        <translation>envoi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>receiving</source>
        <translation>réception</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Synchronising: %1 %2</source>
        <translation>Synchronisation : %1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>%n change(s) refused by the server: see what is left to send.</source>
        <translation><numerusform>%n modification refusée par le serveur : voir ce qui reste à envoyer.</numerusform><numerusform>%n modifications refusées par le serveur : voir ce qui reste à envoyer.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n record(s) received but not written here: the server sent a photo file hash or a number this computer refuses.</source>
        <translation><numerusform>%n fiche reçue mais pas enregistrée ici : le serveur a envoyé une empreinte de fichier photo ou un nombre que cet ordinateur refuse.</numerusform><numerusform>%n fiches reçues mais pas enregistrées ici : le serveur a envoyé une empreinte de fichier photo ou un nombre que cet ordinateur refuse.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n erasure(s) refused by the server: these records are on the server and others may already have received them; a coordinator must erase them.</source>
        <translation><numerusform>%n effacement refusé par le serveur : cette fiche est sur le serveur et d’autres l’ont peut-être déjà reçue ; un coordinateur doit l’effacer.</numerusform><numerusform>%n effacements refusés par le serveur : ces fiches sont sur le serveur et d’autres les ont peut-être déjà reçues ; un coordinateur doit les effacer.</numerusform></translation>
    </message>
</context>
<context>
    <name>UpdateBanner</name>
    <message>
        <location filename="../../ui/mission.py" line="-159" />
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location line="+4" />
        <source>FieldKit %1 is recommended for this mission (this one is %2).</source>
        <translation>FieldKit %1 est recommandé pour cette mission (celui-ci est en version %2).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Download it</source>
        <translation>Le télécharger</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Ask the coordinator for it.</source>
        <translation>Demandez-le à la coordination.</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../ui/visit_editor.py" line="+331" />
        <source>Visit</source>
        <extracomment>A visit's data was written (its fields, an interview or a photo): refresh counts. A short message for the status bar (e.g. "3 photos imported"). Typing that overlapped a write made elsewhere went to the conflicts (visit id).</extracomment>
        <translation>Visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviews</source>
        <translation>Entretiens</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The visit: form, interviews, photos</source>
        <translation>La visite : fiche, entretiens, photos</translation>
    </message>
    <message>
        <location line="+13" />
        <source>No visit selected.

Choose a visit in the list, or create one for the selected place with New visit (Ctrl+N).</source>
        <translation>Aucune visite sélectionnée.

Choisissez une visite dans la liste, ou créez-en une pour le lieu sélectionné avec Nouvelle visite (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>— visit of %1</source>
        <translation>— visite du %1</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Some changes of the previous visit were not saved.</source>
        <translation>Certaines modifications de la visite précédente n’ont pas été enregistrées.</translation>
    </message>
    <message>
        <location line="+154" />
        <source>This visit no longer exists (it may have been deleted).</source>
        <translation>Cette visite n’existe plus (elle a peut-être été supprimée).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This visit could not be opened: {error}</source>
        <translation>Impossible d’ouvrir cette visite : {error}</translation>
    </message>
    <message>
        <location line="+82" />
        <location line="+42" />
        <source>Some changes are not saved (see above).</source>
        <translation>Certaines modifications ne sont pas enregistrées (voir ci-dessus).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Everything you typed is saved on this computer.</source>
        <translation>Tout ce que vous avez saisi est enregistré sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location line="+109" />
        <source>This visit was changed elsewhere while you typed: your text is kept in the conflicts (Synchronisation → Conflicts…) to choose from.</source>
        <translation>Cette visite a été modifiée ailleurs pendant que vous écriviez : votre texte est gardé dans les conflits (Synchronisation → Conflits…) pour choisir.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>This visit was changed elsewhere while you typed: both are kept (merged).</source>
        <translation>Cette visite a été modifiée ailleurs pendant que vous écriviez : les deux versions sont gardées (fusionnées).</translation>
    </message>
    <message>
        <location line="+120" />
        <source>Change visit date</source>
        <translation>changement de la date de visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit visitors</source>
        <translation>modification des visiteurs</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change visit status</source>
        <translation>changement du statut de la visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit summary</source>
        <translation>modification du résumé</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit notes</source>
        <translation>modification des notes</translation>
    </message>
    <message>
        <location line="-50" />
        <source>{date} is not a plausible visit date (from 2000 to a year from now).</source>
        <translation>{date} n’est pas une date de visite plausible (de 2000 à dans un an).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This is not a valid date.</source>
        <translation>Ce n’est pas une date valide.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unknown status.</source>
        <translation>Statut inconnu.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This record no longer exists (it may have been deleted).</source>
        <translation>Cet élément n’existe plus (il a peut-être été supprimé).</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location line="-751" />
        <source>Who went (comma-separated)</source>
        <extracomment>Milliseconds after the last keystroke before the form is saved. Longest a change stays unsaved while the person keeps typing. Fields merged word by word when they changed here and elsewhere at once.</extracomment>
        <translation>Qui y est allé (séparés par des virgules)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Final</source>
        <translation>Finalisée</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The visit in two or three sentences</source>
        <translation>La visite en deux ou trois phrases</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes taken during the visit</source>
        <translation>Notes prises pendant la visite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>V&amp;isitors:</source>
        <translation>&amp;Visiteurs :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;ummary:</source>
        <translation>&amp;Résumé :</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notes:</source>
        <translation>&amp;Notes :</translation>
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
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Visitors</source>
        <translation>Visiteurs</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interviews</source>
        <translation>Entretiens</translation>
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
        <translation><numerusform>%n modification n’est pas encore synchronisée : si la clé est perdue avant, elle sera perdue. Ce qui a été synchronisé peut toujours être récupéré depuis le serveur.</numerusform><numerusform>%n modifications ne sont pas encore synchronisées : si la clé est perdue avant, elles seront perdues. Ce qui a été synchronisé peut toujours être récupéré depuis le serveur.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n other file(s) of the data folder came along in clear: %1.</source>
        <translation><numerusform>%n autre fichier du dossier de données a suivi, en clair : %1.</numerusform><numerusform>%n autres fichiers du dossier de données ont suivi, en clair : %1.</numerusform></translation>
    </message>
</context>
</TS>
