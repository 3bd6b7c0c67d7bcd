"""French texts of the interface, keyed by the English source text.

``python -m ui.i18n_tools`` writes them into ``resources/translations/fieldkit_fr.ts`` and
compiles it. Plurals are pairs (singular for 0 and 1, plural), as French counts them.
Where one English text needs two French ones, ``FRENCH_IN_CONTEXT`` names the context.
Spaces before « : ; ! ? » and inside « » are made non-breaking by the tool.
"""

from __future__ import annotations

FRENCH: dict[str, str | tuple[str, str]] = {
    # -- main window ----------------------------------------------------------------
    "Field visits to tiers-lieux": "Visites de tiers-lieux",
    "&File": "&Fichier",
    "&View": "Affic&hage",
    "&Synchronisation": "&Synchronisation",
    "Synchronisation": "Synchronisation",
    "&Help": "Aid&e",
    "&Language": "&Langue",
    "Main toolbar": "Barre d’outils principale",
    "New &place…": "Nouveau &lieu…",
    "Create a place (Ctrl+Shift+N)": "Créer un lieu (Ctrl+Maj+N)",
    "New &visit": "Nouvelle &visite",
    "New visit for the selected place (Ctrl+N)": "Nouvelle visite du lieu sélectionné (Ctrl+N)",
    "&Edit place…": "M&odifier le lieu…",
    "Import a list of places (&CSV)…": "Importer une liste de lieux (&CSV)…",
    "Import p&hotos…": "Importer des &photos…",
    "Import photos into the visit (Ctrl+I)": "Importer des photos dans la visite (Ctrl+I)",
    "Explore the &demo mission": "Explorer la mission de &démonstration",
    "&Quit": "&Quitter",
    "Delete the &place": "Supprimer le &lieu",
    "Delete the &visit": "Supprimer la &visite",
    "&Search…": "Rec&hercher…",
    "Search": "Rechercher",
    "Search results": "Résultats de la recherche",
    "Places by région and département": "Lieux par région et département",
    "The visit: form, interviews, photos": "La visite : fiche, entretiens, photos",
    "&Refresh": "&Actualiser",
    "&About FieldKit": "À &propos de FieldKit",
    "About &Qt": "À propos de &Qt",
    "Search places, visits, interviews (Ctrl+F)": "Rechercher lieux, visites, entretiens (Ctrl+F)",
    "Welcome to FieldKit": "Bienvenue dans FieldKit",
    "There is no place in this mission yet. Start by adding the tiers-lieux you will "
    "visit, or explore a demo mission to see how it works.": (
        "Cette mission ne compte encore aucun lieu. Commencez par ajouter les tiers-lieux "
        "que vous allez visiter, ou explorez une mission de démonstration pour découvrir "
        "l’application."
    ),
    "New place…": "Nouveau lieu…",
    "Import a list of places (CSV)…": "Importer une liste de lieux (CSV)…",
    "Explore the demo mission": "Explorer la mission de démonstration",
    "&Undo %1": "&Annuler : %1",
    "&Undo": "&Annuler",
    "&Redo %1": "&Rétablir : %1",
    "&Redo": "&Rétablir",
    "Online": "En ligne",
    "Offline": "Hors ligne",
    "Last sync: %1": "Dernière synchro : %1",
    "Never synchronised": "Jamais synchronisé",
    "%n change(s) to send": ("%n modification à envoyer", "%n modifications à envoyer"),
    "%n conflict(s)": ("%n conflit", "%n conflits"),
    "%n visit(s)": ("%n visite", "%n visites"),
    "Search results — %1": "Résultats de la recherche — %1",
    "All visits — %1": "Toutes les visites — %1",
    "%n result(s)": ("%n résultat", "%n résultats"),
    "Type at least two letters…": "Tapez au moins deux lettres…",
    "Place “%1” deleted — Ctrl+Z to undo.": "Lieu « %1 » supprimé — Ctrl+Z pour annuler.",
    "Select a place first.": "Sélectionnez d’abord un lieu.",
    "Visit deleted — Ctrl+Z to undo.": "Visite supprimée — Ctrl+Z pour annuler.",
    "FieldKit": "FieldKit",
    "Could not read the mission: %1": "Impossible de lire la mission : %1",
    "Import a list of places": "Importer une liste de lieux",
    "CSV files (*.csv);;All files (*)": "Fichiers CSV (*.csv);;Tous les fichiers (*)",
    "Importing places…": "Import des lieux…",
    "%n place(s) imported.": ("%n lieu importé.", "%n lieux importés."),
    "Import of places": "Import de lieux",
    "%n line(s) could not be imported; see the details.": (
        "%n ligne n’a pas pu être importée ; voir le détail.",
        "%n lignes n’ont pas pu être importées ; voir le détail.",
    ),
    "Line %1: %2": "Ligne %1 : %2",
    "Demo mission": "Mission de démonstration",
    "Building the demo mission…": "Création de la mission de démonstration…",
    "Demo mission ready: %1 places, %2 visits.": (
        "Mission de démonstration prête : %1 lieux, %2 visites."
    ),
    "About FieldKit": "À propos de FieldKit",
    "Field visits to tiers-lieux, offline first: places, visits, interviews and photos, "
    "synchronised with the mission's server.": (
        "Les visites de tiers-lieux, même hors ligne : lieux, visites, entretiens et photos, "
        "synchronisés avec le serveur de la mission."
    ),
    # -- navigation tree, visit list --------------------------------------------------
    "(no code)": "(sans code)",
    "Place": "Lieu",
    "Visits": "Visites",
    "Date": "Date",
    "Commune": "Commune",
    "Visitors": "Visiteurs",
    "Status": "Statut",
    "Interviews": "Entretiens",
    "Photos": "Photos",
    # -- place dialog ------------------------------------------------------------------
    "Edit place": "Modifier le lieu",
    "New place": "Nouveau lieu",
    "&Name:": "&Nom :",
    "&Kind:": "&Type :",
    "&Address:": "&Adresse :",
    "&Postcode:": "Code &postal :",
    "Département:": "Département :",
    "Région:": "Région :",
    "&Commune:": "&Commune :",
    "La&titude:": "&Latitude :",
    "Lon&gitude:": "Lon&gitude :",
    "&Website:": "Site &web :",
    "C&ontact:": "C&ontact :",
    "&Description:": "&Description :",
    "e.g. La Cordée Béziers": "p. ex. La Cordée Béziers",
    "5 digits": "5 chiffres",
    "e.g. 43.344": "p. ex. 43,344",
    "e.g. 3.215": "p. ex. 3,215",
    "Not a French postcode": "Ce n’est pas un code postal français",
    "…": "…",
    "—": "—",
    # -- labels of codes ----------------------------------------------------------------
    "Coworking space": "Espace de coworking",
    "Fablab": "Fablab",
    "Rural hub": "Tiers-lieu rural",
    "Shared workshop": "Atelier partagé",
    "Living lab": "Living lab",
    "Cultural third place": "Tiers-lieu culturel",
    "Other": "Autre",
    "Draft": "Brouillon",
    "Final": "Finalisée",
    "Name": "Nom",
    "Kind": "Type",
    "Address": "Adresse",
    "Postcode": "Code postal",
    "Département": "Département",
    "Région": "Région",
    "Latitude": "Latitude",
    "Longitude": "Longitude",
    "Website": "Site web",
    "Contact": "Contact",
    "Description": "Description",
    "Visit date": "Date de la visite",
    "Visit": "Visite",
    "— visit of %1": "— visite du %1",
    # -- errors -------------------------------------------------------------------------
    "Unexpected error: %1": "Erreur inattendue : %1",
    "A place needs a name.": "Un lieu doit avoir un nom.",
    "“%1” is not a known kind of place.": "« %1 » n’est pas un type de lieu connu.",
    "“%1” is not a French postcode (five digits).": (
        "« %1 » n’est pas un code postal français (cinq chiffres)."
    ),
    "“%1” is not a known département code.": "« %1 » n’est pas un code de département connu.",
    "“%1” is not a known région code.": "« %1 » n’est pas un code de région connu.",
    "The département does not belong to the région “%1”.": (
        "Le département n’appartient pas à la région « %1 »."
    ),
    "%1 is out of range.": "%1 : valeur hors limites.",
    "%1 must be a number.": "%1 doit être un nombre.",
    "%1: “%2” is not a valid date (YYYY-MM-DD).": (
        "%1 : « %2 » n’est pas une date valide (AAAA-MM-JJ)."
    ),
    "%1: %2 is not a plausible visit date.": "%1 : %2 n’est pas une date de visite plausible.",
    "Unknown visit status.": "Statut de visite inconnu.",
    "The record it belongs to no longer exists.": "L’élément auquel il appartient n’existe plus.",
    "This record no longer exists.": "Cet élément n’existe plus.",
    "This record already exists.": "Cet élément existe déjà.",
    "This file does not exist.": "Ce fichier n’existe pas.",
    "This is a folder, not a CSV file.": "C’est un dossier, pas un fichier CSV.",
    "This file cannot be read.": "Impossible de lire ce fichier.",
    "This is not a CSV text file.": "Ce n’est pas un fichier texte CSV.",
    "This file is empty.": "Ce fichier est vide.",
    "This file is not a valid CSV file.": "Ce fichier n’est pas un CSV valide.",
    "This file is neither UTF-8 nor Windows-1252 text.": (
        "Ce fichier n’est ni du texte UTF-8 ni du Windows-1252."
    ),
    "The file has no name column (expected “nom” or “name”).": (
        "Le fichier n’a pas de colonne de nom (« nom » ou « name » attendu)."
    ),
    "This data was written by a newer FieldKit (schema %1; this one reads up to %2). "
    "Update FieldKit to open it.": (
        "Ces données ont été écrites par une version plus récente de FieldKit (schéma %1 ; "
        "celle-ci lit jusqu’au %2). Mettez FieldKit à jour pour les ouvrir."
    ),
    "FieldKit cannot open its data: %1": "FieldKit ne peut pas ouvrir ses données : %1",
    "The demo mission is already in this database.": (
        "La mission de démonstration est déjà dans cette base."
    ),
    "Created: %1 · Updated: %2 · Unchanged: %3": "Créés : %1 · Modifiés : %2 · Inchangés : %3",
    "Line %1 (warning): %2": "Ligne %1 (avertissement) : %2",
    "%n line(s) could not be imported:": (
        "%n ligne n’a pas pu être importée :",
        "%n lignes n’ont pas pu être importées :",
    ),
    "Every line was imported.": "Toutes les lignes ont été importées.",
    "New &interview…": "Nouvel &entretien…",
    "Add an interview to the selected visit (Ctrl+Shift+I)": (
        "Ajouter un entretien à la visite sélectionnée (Ctrl+Maj+I)"
    ),
    "This is not an image (or not a format FieldKit reads).": (
        "Ce n’est pas une image (ou pas un format que FieldKit sait lire)."
    ),
    "This image format is not supported (JPEG, HEIC, PNG, WebP, TIFF, AVIF are).": (
        "Ce format d’image n’est pas pris en charge (JPEG, HEIC, PNG, WebP, TIFF et AVIF le sont)."
    ),
    "The file is truncated: it ends before the image does.": (
        "Le fichier est tronqué : il s’arrête avant la fin de l’image."
    ),
    "The image is damaged and cannot be read.": "L’image est endommagée et illisible.",
    "The image declares far too many pixels (a possible decompression bomb).": (
        "L’image annonce beaucoup trop de pixels (peut-être une bombe de décompression)."
    ),
    "The image declares an empty size.": "L’image annonce une taille nulle.",
    "The file is empty.": "Le fichier est vide.",
    "The file is too large for a photo.": "Le fichier est trop gros pour une photo.",
    "The file was not found.": "Le fichier est introuvable.",
    "This is not a file.": "Ce n’est pas un fichier.",
    "The file cannot be read (check its permissions).": (
        "Le fichier est illisible (vérifiez ses droits d’accès)."
    ),
    "The file could not be copied (is the disk full?).": (
        "Le fichier n’a pas pu être copié (le disque est-il plein ?)."
    ),
    "The database did not answer in time.": "La base de données n’a pas répondu à temps.",
    # -- regional reports (ui/reports_dialog.py) ------------------------------------------
    "&Regional reports…": "&Rapports régionaux…",
    "Print one PDF visit report per region": "Imprimer un rapport de visites PDF par région",
    "Regional reports": "Rapports régionaux",
    "Regions to print": "Régions à imprimer",
    "All": "Toutes",
    "None": "Aucune",
    "Also a national summary (table and chart of regions)": (
        "Aussi une synthèse nationale (tableau et graphique des régions)"
    ),
    "Options": "Options",
    "Period:": "Période :",
    "Only visits from": "Seulement les visites du",
    "to": "au",
    "Include draft visits": "Inclure les visites en brouillon",
    "Photos:": "Photos :",
    "Print quality (large file)": "Qualité impression (fichier lourd)",
    "Screen quality (lighter file)": "Qualité écran (fichier plus léger)",
    "Leave photos out": "Sans les photos",
    "Save in:": "Enregistrer dans :",
    "Choose…": "Choisir…",
    "Build the reports": "Créer les rapports",
    "Open the folder": "Ouvrir le dossier",
    "Preview": "Aperçu",
    "Open the PDF": "Ouvrir le PDF",
    "Folder for the reports": "Dossier des rapports",
    "Tick at least one region (or the national summary).": (
        "Cochez au moins une région (ou la synthèse nationale)."
    ),
    "Choose the folder where the reports go.": "Choisissez le dossier des rapports.",
    "The period ends before it starts.": "La période se termine avant de commencer.",
    "Building…": "Création…",
    "Cancelling…": "Annulation…",
    "Building the report of %1…": "Création du rapport « %1 »…",
    "Cancelled. %n report(s) had been finished.": (
        "Annulé. %n rapport était terminé.",
        "Annulé. %n rapports étaient terminés.",
    ),
    "%n report(s) built.": ("%n rapport créé.", "%n rapports créés."),
    "%n report(s) could not be built:": (
        "%n rapport n’a pas pu être créé :",
        "%n rapports n’ont pas pu être créés :",
    ),
    "National summary": "Synthèse nationale",
    "%1: %2": "%1 : %2",
    "the process building it stopped unexpectedly.": "le processus qui le créait s’est arrêté.",
    "the file %1 could not be written (%2).": "le fichier %1 n’a pas pu être écrit (%2).",
    "Building the national summary…": "Création de la synthèse nationale…",
    "%n photo(s) could not be included; they are listed at the end of the reports:": (
        "%n photo n’a pas pu être reproduite ; elle est signalée à la fin des rapports :",
        "%n photos n’ont pas pu être reproduites ; elles sont signalées à la fin des rapports :",
    ),
    "Photos: %1 / %2": "Photos : %1 / %2",
    "… and %n more.": ("… et %n autre.", "… et %n autres."),
    "• %1, %2, %3: %4": "• %1, %2, %3 : %4",
    "its file on this laptop is damaged": "son fichier sur ce portable est illisible",
    "not on this laptop, which is not signed in to a server": (
        "absente de ce portable, qui n’est connecté à aucun serveur"
    ),
    "not on this laptop; the demo never connects to a server": (
        "absente de ce portable ; la démonstration ne se connecte jamais à un serveur"
    ),
    "not on this laptop, and the server could not be reached": (
        "absente de ce portable, et le serveur est injoignable"
    ),
    "not on this laptop, and the server does not have it for this account": (
        "absente de ce portable, et le serveur ne l’a pas pour ce compte"
    ),
    "not on this laptop, and the server refused to send it": (
        "absente de ce portable, et le serveur a refusé de l’envoyer"
    ),
    "erased on the server": "effacée sur le serveur",
    "the file received from the server was damaged (fingerprint does not match)": (
        "le fichier reçu du serveur était abîmé (empreinte différente)"
    ),
    "not on this laptop": "absente de ce portable",
    "The reports could not be built: %1": "Impossible de créer les rapports : %1",
    "Rendering the pages…": "Rendu des pages…",
    "First %1 of %n page(s); open the PDF to see them all.": (
        "%1 premières pages sur %n ; ouvrez le PDF pour les voir toutes.",
        "%1 premières pages sur %n ; ouvrez le PDF pour les voir toutes.",
    ),
    "%n page(s)": ("%n page", "%n pages"),
    "The preview failed: %1": "L’aperçu a échoué : %1",
    # -- sync a team can trust (issue 8): what is left to send, checks, automatic sync --
    "Changed elsewhere while you were editing; your values are kept and OK saves them. "
    "The other values were: %1": (
        "Modifié ailleurs pendant que vous l’éditiez ; vos valeurs sont gardées et OK les "
        "enregistre. Les autres valeurs étaient : %1"
    ),
    "This visit was changed elsewhere while you typed: your text is kept in the conflicts "
    "(Synchronisation → Conflicts…) to choose from.": (
        "Cette visite a été modifiée ailleurs pendant que vous écriviez : votre texte est "
        "gardé dans les conflits (Synchronisation → Conflits…) pour choisir."
    ),
    "This visit was changed elsewhere while you typed: both are kept (merged).": (
        "Cette visite a été modifiée ailleurs pendant que vous écriviez : les deux versions "
        "sont gardées (fusionnées)."
    ),
    "B": "o",
    "KB": "Ko",
    "MB": "Mo",
    "GB": "Go",
    "Everything is sent": "Tout est envoyé",
    "%n change(s)": ("%n modification", "%n modifications"),
    "%n photo(s)": ("%n photo", "%n photos"),
    "%n photo file(s) missing": ("%n fichier photo manquant", "%n fichiers photo manquants"),
    "%n refused": ("%n refusée", "%n refusées"),
    "%n resolution(s)": ("%n résolution", "%n résolutions"),
    "To send: %1": "Reste à envoyer : %1",
    "Not saved: this record was changed elsewhere meanwhile (a sync, another program). "
    "What is shown now is the latest; make your change again.": (
        "Non enregistré : cet élément a été modifié ailleurs entre-temps (synchronisation, "
        "autre programme). Ce qui est affiché est la dernière version ; refaites votre "
        "modification."
    ),
    "creation": "création",
    "modification": "modification",
    "deletion": "suppression",
    "restoration": "restauration",
    "resolution": "résolution",
    "Refused by the server": "Refusé par le serveur",
    "What it belongs to is not on the server (refused, or not sent yet).": (
        "Ce à quoi elle appartient n’est pas sur le serveur (refusé, ou pas encore envoyé)."
    ),
    "The server refused this change.": "Le serveur a refusé cette modification.",
    "It is set aside; your other changes are sent without it.": (
        "Elle est mise de côté ; vos autres modifications partent sans elle."
    ),
    "Photo file missing": "Fichier photo manquant",
    "Change to send": "Modification à envoyer",
    "Photo to send": "Photo à envoyer",
    "Conflict resolution to send": "Résolution de conflit à envoyer",
    "What": "Quoi",
    "Detail": "Détail",
    "What is left to send": "Ce qui reste à envoyer",
    "Conflicts": "Conflits",
    "&Open the record": "&Ouvrir l’élément",
    "Fix it there: once edited, a refused change is sent again at the next sync.": (
        "Corrigez-le là : une fois modifiée, une modification refusée est renvoyée à la "
        "prochaine synchronisation."
    ),
    "Send &again": "&Renvoyer",
    "&Discard this change": "&Abandonner cette modification",
    "Give it up: the record here goes back to what the server holds.": (
        "Y renoncer : l’élément revient ici à ce que le serveur contient."
    ),
    "What is &left to send…": "Ce qui &reste à envoyer…",
    "Is &everything sent?": "&Tout est-il envoyé ?",
    "Before handing this computer back: would anything be lost if it were wiped?": (
        "Avant de rendre cet ordinateur : perdrait-on quelque chose s’il était effacé ?"
    ),
    "&Automatic synchronisation": "Synchronisation &automatique",
    "Synchronise a few seconds after your edits, and every few minutes": (
        "Synchroniser quelques secondes après vos modifications, et toutes les quelques minutes"
    ),
    "What is only on this computer: click for the list": (
        "Ce qui n’existe que sur cet ordinateur : cliquez pour la liste"
    ),
    "Nothing here yet: wiping this computer would lose nothing.": (
        "Rien ici pour l’instant : effacer cet ordinateur ne perdrait rien."
    ),
    "This computer has never been synchronised: everything in it exists only here. Sign in "
    "and synchronise before handing it back.": (
        "Cet ordinateur n’a jamais été synchronisé : tout ce qu’il contient n’existe qu’ici. "
        "Connectez-vous et synchronisez avant de le rendre."
    ),
    "Everything is on the server: wiping this computer would lose nothing.": (
        "Tout est sur le serveur : effacer cet ordinateur ne perdrait rien."
    ),
    "%n change(s) not yet on the server": (
        "%n modification pas encore sur le serveur",
        "%n modifications pas encore sur le serveur",
    ),
    "%n photo(s) not yet on the server": (
        "%n photo pas encore sur le serveur",
        "%n photos pas encore sur le serveur",
    ),
    "%n photo(s) whose file is missing on this disk and was never sent: only the original "
    "can bring it back": (
        "%n photo dont le fichier manque sur ce disque et n’a jamais été envoyé : seul "
        "l’original peut la retrouver",
        "%n photos dont le fichier manque sur ce disque et n’a jamais été envoyé : seuls "
        "les originaux peuvent les retrouver",
    ),
    "%n change(s) refused by the server, to fix or discard": (
        "%n modification refusée par le serveur, à corriger ou abandonner",
        "%n modifications refusées par le serveur, à corriger ou abandonner",
    ),
    "%n conflict resolution(s) not yet on the server": (
        "%n résolution de conflit pas encore sur le serveur",
        "%n résolutions de conflit pas encore sur le serveur",
    ),
    "%n open conflict(s) the server no longer has (restored from an older "
    "backup): the next synchronisation sends them again": (
        "%n conflit ouvert que le serveur n’a plus (restauré depuis une sauvegarde plus "
        "ancienne) : la prochaine synchronisation le renvoie",
        "%n conflits ouverts que le serveur n’a plus (restauré depuis une sauvegarde plus "
        "ancienne) : la prochaine synchronisation les renvoie",
    ),
    "%n open conflict(s) that could not be checked: the server cannot be reached": (
        "%n conflit ouvert qui n’a pas pu être vérifié : le serveur est injoignable",
        "%n conflits ouverts qui n’ont pas pu être vérifiés : le serveur est injoignable",
    ),
    "No: if this computer were wiped now, you would lose:": (
        "Non : si cet ordinateur était effacé maintenant, vous perdriez :"
    ),
    "Synchronise (F5) before handing it back.": "Synchronisez (F5) avant de le rendre.",
    "Is everything sent?": "Tout est-il envoyé ?",
    "See the list": "Voir la liste",
    "%n change(s) refused by the server: see what is left to send.": (
        "%n modification refusée par le serveur : voir ce qui reste à envoyer.",
        "%n modifications refusées par le serveur : voir ce qui reste à envoyer.",
    ),
    "%n record(s) received but not written here: the server sent a photo file hash or a "
    "number this computer refuses.": (
        "%n fiche reçue mais pas enregistrée ici : le serveur a envoyé une empreinte de "
        "fichier photo ou un nombre que cet ordinateur refuse.",
        "%n fiches reçues mais pas enregistrées ici : le serveur a envoyé une empreinte de "
        "fichier photo ou un nombre que cet ordinateur refuse.",
    ),
    "%n erasure(s) refused by the server: these records are on the server and others may "
    "already have received them; a coordinator must erase them.": (
        "%n effacement refusé par le serveur : cette fiche est sur le serveur et d’autres "
        "l’ont peut-être déjà reçue ; un coordinateur doit l’effacer.",
        "%n effacements refusés par le serveur : ces fiches sont sur le serveur et d’autres "
        "les ont peut-être déjà reçues ; un coordinateur doit les effacer.",
    ),
    # -- sync (ui/sync/) ----------------------------------------------------------------
    "Interview": "Entretien",
    "Photo": "Photo",
    "Record": "Élément",
    "Title": "Titre",
    "Fields in conflict": "Champs en conflit",
    "Sync conflicts": "Conflits de synchronisation",
    "Resolve with these values": "Résoudre avec ces valeurs",
    "No conflict to resolve.": "Aucun conflit à résoudre.",
    "%1 “%2”: changed on the server and on this computer.": (
        "%1 « %2 » : modifié sur le serveur et sur cet ordinateur."
    ),
    "Field": "Champ",
    "Theirs (server) | Mine": "Serveur | Cet ordinateur",
    "Keep theirs": "Garder la version du serveur",
    "Keep mine": "Garder ma version",
    "Theirs: %1": "Serveur : %1",
    "Mine: %1": "Moi : %1",
    "deleted": "supprimé",
    "kept": "conservé",
    "yes": "oui",
    "no": "non",
    "Deleted": "Supprimé",
    "Notes": "Notes",
    "Summary": "Résumé",
    "Tags": "Mots-clés",
    "Consent date": "Date du consentement",
    "Key quotes": "Citations clés",
    "Caption": "Légende",
    "In the report": "Dans le rapport",
    "Position": "Position",
    "On the server": "Sur le serveur",
    "On this computer": "Sur cet ordinateur",
    "Sign in to the sync server": "Connexion au serveur de synchronisation",
    "This address is not encrypted (http://): your password and your login would "
    "cross the network readable by anyone on the way. Ask the coordinator for an "
    "https:// address.": (
        "Cette adresse n’est pas chiffrée (http://) : votre mot de passe et votre connexion "
        "traverseraient le réseau lisibles par quiconque sur le chemin. Demandez à la "
        "coordination une adresse en https://."
    ),
    "Send my password anyway": "Envoyer quand même mon mot de passe",
    "Nothing was sent: tick the box to send your password.": (
        "Rien n’a été envoyé : cochez la case pour envoyer votre mot de passe."
    ),
    "Server address:": "Adresse du serveur :",
    "User name:": "Nom d’utilisateur :",
    "Password:": "Mot de passe :",
    "Server &address:": "&Adresse du serveur :",
    "&User name:": "&Nom d’utilisateur :",
    "&Password:": "&Mot de passe :",
    "Interviews of the visit": "Entretiens de la visite",
    "Date of consent": "Date du consentement",
    "Photos of the visit": "Photos de la visite",
    "The values to choose between": "Les valeurs entre lesquelles choisir",
    "Sign in": "Se connecter",
    "Give the server address, your user name and your password.": (
        "Indiquez l’adresse du serveur, votre nom d’utilisateur et votre mot de passe."
    ),
    "Not signed in to the sync server: sign in first (%1).": (
        "Vous n’êtes pas connecté au serveur de synchronisation : connectez-vous d’abord (%1)."
    ),
    "The sync server cannot be reached. Nothing is lost: your changes stay on this "
    "computer until the next sync.": (
        "Le serveur de synchronisation est injoignable. Rien n’est perdu : vos modifications "
        "restent sur cet ordinateur jusqu’à la prochaine synchronisation."
    ),
    "Sync cancelled; what was already exchanged is kept.": (
        "Synchronisation annulée ; ce qui a déjà été échangé est conservé."
    ),
    "Sync failed: %1": "Échec de la synchronisation : %1",
    "&Synchronise": "&Synchroniser",
    "Send and receive changes (F5)": "Envoyer et recevoir les modifications (F5)",
    "Synchronise and download every &photo": "Synchroniser et télécharger toutes les &photos",
    "&Conflicts…": "&Conflits…",
    "Sign &in…": "Se co&nnecter…",
    "Sign &out": "Se &déconnecter",
    "Synchronising…": "Synchronisation…",
    "photos": "photos",
    "sending": "envoi",
    "receiving": "réception",
    "Synchronising: %1 %2": "Synchronisation : %1 %2",
    "Synchronised: %1, %2, %3.": "Synchronisé : %1, %2, %3.",
    "%n sent": ("%n envoyé", "%n envoyés"),
    "%n received": ("%n reçu", "%n reçus"),
    "%n new conflict(s)": ("%n nouveau conflit", "%n nouveaux conflits"),
    # -- undo commands --------------------------------------------------------------------
    "Create place “%1”": "création du lieu « %1 »",
    "Edit place “%1”": "modification du lieu « %1 »",
    "Delete place “%1”": "suppression du lieu « %1 »",
    "New visit": "Nouvelle visite",
    "Delete visit of %1": "suppression de la visite du %1",
    # -- visit editor (engineer #2's ui/visit_editor.py, interviews_tab.py, photos_tab.py) --
    "Photo import": "Import de photos",
    "%n photo(s) imported.": ("%n photo importée.", "%n photos importées."),
    "Import cancelled.": "Import annulé.",
    "%n file(s) already in this visit, skipped:": (
        "%n fichier déjà présent dans cette visite, ignoré :",
        "%n fichiers déjà présents dans cette visite, ignorés :",
    ),
    "File": "Fichier",
    "Why it was refused": "Motif du refus",
    "%n file(s) refused:": ("%n fichier refusé :", "%n fichiers refusés :"),
    "Manager": "Responsable",
    "User": "Usager",
    "Elected official": "Élu·e",
    "Partner": "Partenaire",
    "Company": "Entreprise",
    "Given": "Donné",
    "Refused": "Refusé",
    "Not asked": "Non demandé",
    "Edit interview": "Modifier l’entretien",
    "New interview": "Nouvel entretien",
    "First and last name": "Prénom et nom",
    "Pseudonymise in reports": "Pseudonymiser dans les rapports",
    "One quote per line": "Une citation par ligne",
    "on": "le",
    "&Person:": "&Personne :",
    "&Role:": "&Rôle :",
    "&Organisation:": "&Organisation :",
    "&Consent:": "&Consentement :",
    "&Notes:": "&Notes :",
    "Key &quotes:": "Citations c&lés :",
    "(no name)": "(sans nom)",
    "{consent} on {date}": "{consent} le {date}",
    "Yes": "Oui",
    "No": "Non",
    "Yes (no consent)": "Oui (sans consentement)",
    # -- erasure (ui/erase.py) ------------------------------------------------------------
    "%n erased record(s) removed from this computer.": (
        "%n élément effacé définitivement retiré de cet ordinateur.",
        "%n éléments effacés définitivement retirés de cet ordinateur.",
    ),
    "Erase the place permanently…": "Effacer définitivement le lieu…",
    "Erase the visit permanently…": "Effacer définitivement la visite…",
    "Erase permanently…": "Effacer définitivement…",
    "Destroy this interview everywhere, for good (a person's erasure request)": (
        "Détruire cet entretien partout, pour de bon (demande d’effacement d’une personne)"
    ),
    "Erased for good: %n record(s). The next sync carries the erasure everywhere.": (
        "Effacé définitivement : %n élément. La prochaine synchronisation propage l’effacement.",
        "Effacés définitivement : %n éléments. La prochaine synchronisation propage l’effacement.",
    ),
    "Erase permanently": "Effacer définitivement",
    "These captions of the visit's photos name this person:": (
        "Ces légendes des photos de la visite nomment cette personne\u00a0:"
    ),
    "Also clear these captions ({n})": "Effacer aussi ces légendes ({n})",
    "Erase permanently? This cannot be undone, not even with Ctrl+Z.": (
        "Effacer définitivement ? Impossible de revenir en arrière, même avec Ctrl+Z."
    ),
    "This destroys, on this computer now and on the server and every other computer at "
    "their next sync:": (
        "Sont détruits, tout de suite sur cet ordinateur, puis sur le serveur et sur chaque "
        "autre ordinateur à leur prochaine synchronisation :"
    ),
    "The place “{title}”": "Le lieu « {title} »",
    "The visit of {title}": "La visite du {title}",
    "The interview with {title}": "L’entretien avec {title}",
    "The photo “{title}”": "La photo « {title} »",
    "Visits: {n}": "Visites : {n}",
    "Interviews, with their notes and quotes: {n}": (
        "Entretiens, avec leurs notes et citations : {n}"
    ),
    "Photos: {n}": "Photos : {n}",
    "Photo files no other photo uses: {n}": "Fichiers photo qu’aucune autre photo n’utilise : {n}",
    "Only coordinators and admins can erase records already synced or made by someone "
    "else. You can delete it instead, or ask a coordinator.": (
        "Seuls les coordinateurs et les administrateurs peuvent effacer ce qui est déjà "
        "synchronisé ou créé par quelqu’un d’autre. Vous pouvez le supprimer, ou le demander "
        "à un coordinateur."
    ),
    "Without consent the person is always pseudonymised in every output.": (
        "Sans consentement, la personne est toujours pseudonymisée dans tout ce qui sort "
        "de FieldKit."
    ),
    "Person": "Personne",
    "Role": "Rôle",
    "Organisation": "Organisation",
    "Consent": "Consentement",
    "Pseudonymised": "Pseudonymisé",
    "&Add an interview…": "&Ajouter un entretien…",
    "&Edit…": "&Modifier…",
    "&Delete": "&Supprimer",
    "Delete the selected interview (Ctrl+Z to undo)": (
        "Supprimer l’entretien sélectionné (Ctrl+Z pour annuler)"
    ),
    "Delete interview": "Supprimer l’entretien",
    "No interview yet. Add the people you met with “Add an interview…”.": (
        "Aucun entretien pour l’instant. Ajoutez les personnes rencontrées avec "
        "« Ajouter un entretien… »."
    ),
    "Delete interview with {name}": "suppression de l’entretien avec {name}",
    "Add interview with {name}": "ajout de l’entretien avec {name}",
    "Edit interview with {name}": "modification de l’entretien avec {name}",
    "(no caption)": "(sans légende)",
    "Taken {when}": "Prise le {when}",
    "Not in the report": "Absente du rapport",
    "◀ Previous": "◀ Précédente",
    "Next ▶": "Suivante ▶",
    "Close": "Fermer",
    "Photo {n} of {total} — {name}": "Photo {n} sur {total} — {name}",
    "Loading…": "Chargement…",
    "Downloading the photo from the server…": "Téléchargement de la photo depuis le serveur…",
    "The original of this photo is not on this computer yet (it will come with the next sync).": (
        "L’original de cette photo n’est pas encore sur cet ordinateur (il arrivera avec la "
        "prochaine synchronisation)."
    ),
    "This photo cannot be shown: {error}": "Impossible d’afficher cette photo : {error}",
    "&Import photos…": "&Importer des photos…",
    "Import photos (Ctrl+I), or drop files here": (
        "Importer des photos (Ctrl+I), ou déposer des fichiers ici"
    ),
    "Move &earlier": "Déplacer &avant",
    "Move &later": "Déplacer a&près",
    "Delete the selected photos (Ctrl+Z to undo)": (
        "Supprimer les photos sélectionnées (Ctrl+Z pour annuler)"
    ),
    "Delete photos": "Supprimer les photos",
    "What the photo shows": "Ce que montre la photo",
    "Include in the report": "Inclure dans le rapport",
    "No photos yet. Drag photos from your file manager here, or use “Import photos…” (Ctrl+I).": (
        "Aucune photo pour l’instant. Glissez ici des photos depuis votre gestionnaire de "
        "fichiers, ou utilisez « Importer des photos… » (Ctrl+I)."
    ),
    "&Caption:": "&Légende :",
    "Import photos": "Importer des photos",
    "Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;All files (*)": (
        "Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;"
        "Tous les fichiers (*)"
    ),
    "An import is already running.": "Un import est déjà en cours.",
    "Importing %n photo(s)…": ("Import de %n photo…", "Import de %n photos…"),
    "Cancel": "Annuler",
    "Reorder %n photo(s)": ("réordonnancement de %n photo", "réordonnancement de %n photos"),
    "Delete %n photo(s)": ("suppression de %n photo", "suppression de %n photos"),
    "Delete photo": "suppression de la photo",
    "Edit photo caption": "modification de la légende",
    "Include photo in report": "inclusion de la photo dans le rapport",
    "Leave photo out of report": "retrait de la photo du rapport",
    "%n photo(s) selected.": ("%n photo sélectionnée.", "%n photos sélectionnées."),
    "No visit selected.\n\nChoose a visit in the list, or create one for the selected place "
    "with New visit (Ctrl+N).": (
        "Aucune visite sélectionnée.\n\nChoisissez une visite dans la liste, ou créez-en une "
        "pour le lieu sélectionné avec Nouvelle visite (Ctrl+N)."
    ),
    "This visit no longer exists (it may have been deleted).": (
        "Cette visite n’existe plus (elle a peut-être été supprimée)."
    ),
    "This visit could not be opened: {error}": "Impossible d’ouvrir cette visite : {error}",
    "Some changes are not saved (see above).": (
        "Certaines modifications ne sont pas enregistrées (voir ci-dessus)."
    ),
    "Saving…": "Enregistrement…",
    "Some changes of the previous visit were not saved.": (
        "Certaines modifications de la visite précédente n’ont pas été enregistrées."
    ),
    "Saved": "Enregistré",
    "Everything you typed is saved on this computer.": (
        "Tout ce que vous avez saisi est enregistré sur cet ordinateur."
    ),
    "Not saved": "Non enregistré",
    "Change visit date": "changement de la date de visite",
    "Edit visitors": "modification des visiteurs",
    "Change visit status": "changement du statut de la visite",
    "Edit summary": "modification du résumé",
    "Edit notes": "modification des notes",
    "{date} is not a plausible visit date (from 2000 to a year from now).": (
        "{date} n’est pas une date de visite plausible (de 2000 à dans un an)."
    ),
    "This is not a valid date.": "Ce n’est pas une date valide.",
    "Unknown status.": "Statut inconnu.",
    "This record no longer exists (it may have been deleted).": (
        "Cet élément n’existe plus (il a peut-être été supprimé)."
    ),
    "Who went (comma-separated)": "Qui y est allé (séparés par des virgules)",
    "The visit in two or three sentences": "La visite en deux ou trois phrases",
    "Notes taken during the visit": "Notes prises pendant la visite",
    "&Date:": "&Date :",
    "V&isitors:": "&Visiteurs :",
    "S&tatus:": "S&tatut :",
    "S&ummary:": "&Résumé :",
    "The sync server keeps changing identity (restored from backups); nothing was "
    "lost here, sync again later.": (
        "Le serveur de synchronisation change sans cesse d’identité (restauré depuis des "
        "sauvegardes) ; rien n’est perdu ici, synchronisez plus tard."
    ),
    # -- history (the journal of a record) -------------------------------------------
    "History": "Historique",
    "Before": "Avant",
    "After": "Après",
    "Server": "Serveur",
    "Sent": "Envoyé",
    "Events": "Événements",
    "Details of the event": "Détail de l’événement",
    "History — %1": "Historique — %1",
    "History of the place…": "Historique du lieu…",
    "History of the visit…": "Historique de la visite…",
    "Who changed what, and when, on the selected place": (
        "Qui a modifié quoi, et quand, sur le lieu sélectionné"
    ),
    "Who changed what, and when, on the selected visit": (
        "Qui a modifié quoi, et quand, sur la visite sélectionnée"
    ),
    "&History…": "&Historique…",
    "Who changed this interview, and when": "Qui a modifié cet entretien, et quand",
    "When": "Quand",
    "Who": "Qui",
    "Fields": "Champs",
    "Created": "Création",
    "Changed": "Modification",
    "Restored": "Restauration",
    "Conflict on %1": "Conflit sur %1",
    "Conflict resolved": "Conflit résolu",
    "Not sent yet": "Pas encore envoyé",
    "this computer": "cet ordinateur",
    "server": "serveur",
    "sent": "envoyé",
    "kept the value sent": "valeur envoyée gardée",
    "kept the server's value": "valeur du serveur gardée",
    "merged by hand": "fusion à la main",
    "resolved": "résolu",
    "Asking the server…": "Interrogation du serveur…",
    "Up to date with the server.": "À jour avec le serveur.",
    "not logged in to a sync server": "non connecté à un serveur de synchronisation",
    "Offline (%1): the history received on %2.": "Hors ligne (%1) : historique reçu le %2.",
    "Offline (%1): only what this computer knows (its conflicts and unsent changes).": (
        "Hors ligne (%1) : seulement ce que sait cet ordinateur (ses conflits et ses "
        "modifications non envoyées)."
    ),
    "this record is outside your régions": "cette fiche est hors de vos régions",
    "the server has no such record in your régions (not sent yet, or elsewhere)": (
        "le serveur n’a pas cette fiche dans vos régions (pas encore envoyée, ou ailleurs)"
    ),
    "the server cannot be reached": "le serveur est injoignable",
    "The history could not be read: %1": "L’historique n’a pas pu être lu : %1",
    # -- errors of the core, of sync and of the server (ui.i18n.error_message) -----------
    "“%1” is not a known role.": "« %1 » n’est pas un rôle connu.",
    "“%1” is not a known consent state.": "« %1 » n’est pas un état de consentement connu.",
    "A photo must name a stored photo file.": "Une photo doit désigner un fichier photo enregistré.",
    "Unknown kind of record.": "Type d’élément inconnu.",
    "This record has no field “%1”.": "Cet élément n’a pas de champ « %1 ».",
    "A value is not valid.": "Une valeur n’est pas valide.",
    "Your login to the server has expired (unused too long, or too old): sign in "
    "again. Nothing on this computer is lost.": (
        "Votre connexion au serveur a expiré (inutilisée trop longtemps, ou trop ancienne) : "
        "reconnectez-vous. Rien n’est perdu sur cet ordinateur."
    ),
    "This password is too long (1,000 characters at most).": (
        "Ce mot de passe est trop long (1 000 caractères au plus)."
    ),
    "This password is among the most common ones; choose another.": (
        "Ce mot de passe fait partie des plus courants ; choisissez-en un autre."
    ),
    "This photo was erased for privacy: the server does not take it again. "
    "It stays on this computer only.": (
        "Cette photo a été effacée pour la confidentialité : le serveur ne la reprend plus. "
        "Elle ne reste que sur cet ordinateur."
    ),
    "The server's disk is full; nothing was lost here. Sync again later and tell "
    "your coordinator.": (
        "Le disque du serveur est plein ; rien n’a été perdu ici. Synchronisez plus tard "
        "et prévenez votre coordinateur."
    ),
    "Your photos on the server have reached your quota; the rest stays on this "
    "computer. Ask the administrator for more room.": (
        "Vos photos sur le serveur ont atteint votre quota ; le reste demeure sur cet "
        "ordinateur. Demandez plus de place à l’administrateur."
    ),
    "A number is out of the range this field accepts.": (
        "Un nombre est hors des valeurs que ce champ accepte."
    ),
    "The server named a photo file in a form that is not a photo's fingerprint; "
    "that record was set aside and nothing was written for it. Report it.": (
        "Le serveur a désigné un fichier photo sous une forme qui n’est pas une empreinte "
        "de photo ; cet enregistrement a été mis de côté et rien n’a été écrit pour lui. "
        "Signalez-le."
    ),
    "Something went wrong.": "Quelque chose s’est mal passé.",
    "FieldKit cannot open this database.": "FieldKit ne peut pas ouvrir cette base de données.",
    "This file cannot be imported.": "Ce fichier ne peut pas être importé.",
    "This line is not valid CSV (%1).": "Cette ligne n’est pas du CSV valide (%1).",
    "%n other file(s) of the data folder came along in clear: %1.": (
        "%n autre fichier du dossier de données a suivi, en clair : %1.",
        "%n autres fichiers du dossier de données ont suivi, en clair : %1.",
    ),
    "Nothing was changed: these items of the data folder cannot be copied (not a "
    "regular file or folder, or unreadable): %1. Move them out of the folder, or make "
    "them readable, and try again.": (
        "Rien n’a été modifié : ces éléments du dossier de données ne peuvent pas être "
        "copiés (ni fichier ni dossier ordinaire, ou illisibles) : %1. Sortez-les du "
        "dossier, ou rendez-les lisibles, puis recommencez."
    ),
    "A quote opened on this line is not closed before line %1: line skipped, the "
    "next lines are read as lines of their own. Close or remove the quote.": (
        "Un guillemet ouvert sur cette ligne n’est pas refermé avant la ligne %1 : ligne "
        "ignorée, les lignes suivantes sont lues chacune pour elle-même. Refermez ou retirez "
        "le guillemet."
    ),
    "This line has %1 cells, the header %2: the extra cells (%3) have no column; "
    "line skipped (a separator inside an unquoted cell shifts the columns).": (
        "Cette ligne a %1 cellules, l’en-tête %2 : les cellules en trop (%3) n’ont pas de "
        "colonne ; ligne ignorée (un séparateur dans une cellule sans guillemets décale les "
        "colonnes)."
    ),
    "This line is in %1, the rest of the file in %2: read as %1; check its accents.": (
        "Cette ligne est en %1, le reste du fichier en %2 : lue en %1 ; vérifiez ses accents."
    ),
    "INSEE code %1 is %2 (%3), but %4 is %5: line skipped; correct the code, or the "
    "postcode and commune.": (
        "Le code INSEE %1 est celui de %2 (%3), mais %4 désigne %5 : ligne ignorée ; "
        "corrigez le code, ou le code postal et la commune."
    ),
    "This place was deleted; it is not re-created.": (
        "Ce lieu a été supprimé ; il n’est pas recréé."
    ),
    "Same place as line %1 (%2); line skipped.": (
        "Même lieu qu’à la ligne %1 (%2) ; ligne ignorée."
    ),
    "“%1” is not a FieldKit id; the place was matched by name and postcode.": (
        "« %1 » n’est pas un identifiant FieldKit ; le lieu a été retrouvé par son nom "
        "et son code postal."
    ),
    "Unknown kind of place “%1”: imported as “Other”, kept as a tag.": (
        "Type de lieu inconnu « %1 » : importé comme « Autre », gardé comme étiquette."
    ),
    "The demo mission could not be built.": "La mission de démonstration n’a pas pu être créée.",
    "Cancelled; nothing was changed.": "Annulé ; rien n’a été modifié.",
    "The export failed.": "L’export a échoué.",
    "Unknown export format.": "Format d’export inconnu.",
    "This is a file; the export needs a folder.": (
        "C’est un fichier ; l’export a besoin d’un dossier."
    ),
    "The files cannot be written there (check the folder and the disk).": (
        "Les fichiers ne peuvent pas être écrits là (vérifiez le dossier et le disque)."
    ),
    "Unknown photo quality.": "Qualité de photo inconnue.",
    "This photo could not be imported.": "Cette photo n’a pas pu être importée.",
    "Unknown kind of photo copy.": "Type de copie de photo inconnu.",
    "A file FieldKit ships is missing from this installation: reinstall FieldKit.": (
        "Un fichier livré avec FieldKit manque à cette installation : réinstallez FieldKit."
    ),
    "The original of this photo is not on this computer yet; sync to fetch it.": (
        "L’original de cette photo n’est pas encore sur cet ordinateur ; "
        "synchronisez pour le récupérer."
    ),
    "This data folder cannot hold photos.": "Ce dossier de données ne peut pas contenir de photos.",
    "The synchronisation failed; your changes stay on this computer.": (
        "La synchronisation a échoué ; vos modifications restent sur cet ordinateur."
    ),
    "The sync server cannot be reached. Nothing was lost: your changes stay on this "
    "computer; sync again later.": (
        "Le serveur de synchronisation est injoignable. Rien n’est perdu : vos modifications "
        "restent sur cet ordinateur ; synchronisez plus tard."
    ),
    "Sync cancelled; what was done so far is kept.": (
        "Synchronisation annulée ; ce qui a déjà été fait est conservé."
    ),
    "You are not signed in to a sync server.": (
        "Vous n’êtes pas connecté à un serveur de synchronisation."
    ),
    "This is the demo mission: it never signs in nor synchronises. Open your "
    "mission file (File → Open a mission…) to work with your team's server.": (
        "Ceci est la mission de démonstration : elle ne se connecte ni ne se synchronise "
        "jamais. Ouvrez votre fichier de mission (Fichier → Ouvrir une mission…) pour "
        "travailler avec le serveur de votre équipe."
    ),
    "“%1” is not a server address; it should look like https://host:port.": (
        "« %1 » n’est pas une adresse de serveur ; elle doit ressembler à https://hote:port."
    ),
    "Login refused: wrong user name or password.": (
        "Connexion refusée : nom d’utilisateur ou mot de passe incorrect."
    ),
    "Too many failed logins; wait a few minutes and try again.": (
        "Trop d’échecs de connexion ; attendez quelques minutes et réessayez."
    ),
    "No password was given.": "Aucun mot de passe n’a été donné.",
    "The server did not answer for every change sent; sync again.": (
        "Le serveur n’a pas répondu pour chaque modification envoyée ; synchronisez à nouveau."
    ),
    "A page sent by the server could not be read; nothing of it was applied. "
    "Sync again; if it happens again, report it.": (
        "Une page envoyée par le serveur est illisible ; rien n’en a été appliqué. "
        "Synchronisez à nouveau ; si cela se reproduit, signalez-le."
    ),
    "A photo arrived damaged; it was discarded, sync again.": (
        "Une photo est arrivée abîmée ; elle a été écartée, synchronisez à nouveau."
    ),
    "The server answered with an error; sync again later.": (
        "Le serveur a répondu par une erreur ; synchronisez plus tard."
    ),
    "This conflict is already resolved.": "Ce conflit est déjà résolu.",
    "The record is deleted; choose to keep it before editing it.": (
        "L’élément est supprimé ; choisissez de le garder avant de le modifier."
    ),
    "The server refused: this is outside your régions or rights.": (
        "Le serveur a refusé : c’est hors de vos régions ou de vos droits."
    ),
    "The server refused a request it could not read.": (
        "Le serveur a refusé une requête illisible."
    ),
    "Your sign-in has expired; sign in again.": "Votre connexion a expiré ; reconnectez-vous.",
    "You are not signed in to the server; sign in again.": (
        "Vous n’êtes pas connecté au serveur ; reconnectez-vous."
    ),
    "This is over the server's size limit.": "Cela dépasse la taille maximale du serveur.",
    "A photo sent to the server was refused (wrong fingerprint).": (
        "Une photo envoyée au serveur a été refusée (empreinte incorrecte)."
    ),
    "The server refused a malformed request.": "Le serveur a refusé une requête mal formée.",
    "The server refused an incomplete request.": "Le serveur a refusé une requête incomplète.",
    "A photo upload was cut short; sync again to resume it.": (
        "L’envoi d’une photo a été interrompu ; synchronisez à nouveau pour le reprendre."
    ),
    "A photo upload got out of step; sync again to resume it.": (
        "L’envoi d’une photo s’est désynchronisé ; synchronisez à nouveau pour le reprendre."
    ),
    "Part of a photo arrived damaged; sync again to send it again.": (
        "Une partie d’une photo est arrivée abîmée ; synchronisez à nouveau pour la renvoyer."
    ),
    "The server refused an upload sent in the wrong format.": (
        "Le serveur a refusé un envoi dans un format inattendu."
    ),
    "The server speaks another version of the upload protocol.": (
        "Le serveur utilise une autre version du protocole d’envoi."
    ),
    "Someone else is sending the same photo right now; sync again shortly.": (
        "Quelqu’un envoie la même photo en ce moment ; synchronisez à nouveau dans un instant."
    ),
    "A trusted proxy must be an IP address or network, e.g. 10.0.0.5.": (
        "Un proxy de confiance doit être une adresse IP ou un réseau, par exemple 10.0.0.5."
    ),
    "A user name is 1–100 characters without spaces.": (
        "Un nom d’utilisateur compte de 1 à 100 caractères, sans espace."
    ),
    "A password needs at least 8 characters.": "Un mot de passe compte au moins 8 caractères.",
    "An agent needs at least one région.": "Un agent a besoin d’au moins une région.",
    "This user already exists.": "Cet utilisateur existe déjà.",
    "There is no such user.": "Cet utilisateur n’existe pas.",
    # -- conflicts view ----------------------------------------------------------------------
    "Before both changes: %1": "Avant les deux modifications : %1",
    "&Value to keep (edit it to merge both):": (
        "&Valeur à garder (modifiez-la pour fusionner les deux) :"
    ),
    # -- writing mode ----------------------------------------------------------------------
    "&Writing mode": "Mode &écriture",
    "Only the notes of the visit, filling the window (F11; Esc to return)": (
        "Seulement les notes de la visite, sur toute la fenêtre (F11 ; Échap pour revenir)"
    ),
    # -- the undo and redo buttons (short text; the detail is in the tooltip) -------------
    "Undo": "Annuler",
    "Nothing to undo": "Rien à annuler",
    "Redo": "Rétablir",
    "Nothing to redo": "Rien à rétablir",
    # -- geography: communes, duplicates, map, figures -------------------------------------
    "INSEE code:": "Code INSEE :",
    " or ": " ou ",
    "%1 — depends on the commune": "%1 — selon la commune",
    "Not in a département: %1": "Hors département : %1",
    "Several communes match: pick one from the list (%1).": (
        "Plusieurs communes correspondent : choisissez-en une dans la liste (%1)."
    ),
    "No such commune for this postcode: the place will be listed to settle.": (
        "Pas de commune de ce nom pour ce code postal : le lieu sera listé pour être réglé."
    ),
    "≈ %1 (commune centre)": "≈ %1 (centre de la commune)",
    "“%1” is not the INSEE code of a commune.": "« %1 » n’est pas le code INSEE d’une commune.",
    "Postcode %1 is in %2, which is not a département: FieldKit files places in the "
    "départements and régions of France only.": (
        "Le code postal %1 est à %2, qui n’est pas un département : FieldKit ne classe les "
        "lieux que dans les départements et régions de France."
    ),
    "A place cannot be merged with itself.": "Un lieu ne peut pas être fusionné avec lui-même.",
    "Map": "Carte",
    "Map of the places": "Carte des lieux",
    "&Map": "&Carte",
    "Map: %1": "Carte : %1",
    "The places of the selection on a map (Ctrl+M)": "Les lieux de la sélection sur une carte (Ctrl+M)",
    "visited": "visité",
    "not visited yet": "pas encore visité",
    "no coordinates: at the commune centre (approximate)": (
        "sans coordonnées : au centre de la commune (approximatif)"
    ),
    "wheel to zoom, drag to move, click a point to open it": (
        "molette pour zoomer, glisser pour déplacer, clic sur un point pour l’ouvrir"
    ),
    "approximate position: commune centre": "position approximative : centre de la commune",
    "Mission overview": "Vue d’ensemble de la mission",
    "%1. %2: %3 (%4)": "%1. %2\u202f: %3 (%4)",
    "%1 %2: %3 (%4)": "%1 %2\u202f: %3 (%4)",
    "%1%": "%1\u202f%",
    "%1 places listed, %2 visited": "%1 lieux recensés, %2 visités",
    "%1 outside the grands centres urbains (density grid, level 1)": (
        "%1 hors des grands centres urbains (grille de densité, niveau 1)"
    ),
    "%1 outside any aire d'attraction des villes (INSEE zoning 2020)": (
        "%1 hors de toute aire d’attraction des villes (zonage INSEE 2020)"
    ),
    "%1 of the visited": "%1 des lieux visités",
    "%1 place(s) without a settled commune": "%1 lieu(x) sans commune réglée",
    "By density level": "Par niveau de densité",
    "Per 100,000 inhabitants": "Pour 100 000 habitants",
    "Geography: INSEE (Code officiel géographique 2025, grille communale de densité, "
    "aires d'attraction des villes, populations), La Poste (base officielle des codes "
    "postaux), IGN (Admin Express outlines), under the Licence Ouverte / Etalab 2.0.": (
        "Géographie : INSEE (Code officiel géographique 2025, grille communale de densité, "
        "aires d’attraction des villes, populations), La Poste (base officielle des codes "
        "postaux), IGN (contours Admin Express), sous Licence Ouverte / Etalab 2.0."
    ),
    "Communes and possible duplicates": "Communes et doublons possibles",
    "Places whose commune is not settled: pick the commune, then Settle.": (
        "Lieux dont la commune n’est pas réglée : choisissez la commune, puis Régler."
    ),
    "Possible duplicates (same commune, similar names): keep one, merge the other.": (
        "Doublons possibles (même commune, noms proches) : gardez l’un, fusionnez l’autre."
    ),
    "Postcode and commune": "Code postal et commune",
    "First": "Premier",
    "Second": "Second",
    "Settle": "Régler",
    "Keep the first": "Garder le premier",
    "Keep the second": "Garder le second",
    "%1 is now in %2 (INSEE %3).": "%1 est maintenant à %2 (INSEE %3).",
    "Merged: %1 visit(s) moved to %2; %3 deleted.": (
        "Fusion faite : %1 visite(s) déplacée(s) vers %2 ; %3 supprimé."
    ),
    "Communes and &duplicates…": "Communes et &doublons…",
    # -- encryption at rest (ui/encryption_ui.py) -------------------------------------
    "Passphrase": "Phrase de passe",
    "Protect this laptop's data": "Protéger les données de ce portable",
    "Interview notes, names and photos will be encrypted on this laptop. Choose a "
    "passphrase of at least 8 characters: it will be asked for each time FieldKit "
    "starts. If it is forgotten, only what was synced can be recovered from the "
    "server.": (
        "Les notes d’entretien, les noms et les photos seront chiffrés sur ce portable. "
        "Choisissez une phrase de passe d’au moins 8 caractères : elle sera demandée à chaque "
        "démarrage de FieldKit. Si elle est oubliée, seul ce qui a été synchronisé pourra être "
        "récupéré depuis le serveur."
    ),
    "The data of this laptop is encrypted. Type its passphrase to open it.": (
        "Les données de ce portable sont chiffrées. Saisissez leur phrase de passe pour les ouvrir."
    ),
    "Passphrase:": "Phrase de passe :",
    "Once more:": "Encore une fois :",
    "Wrong passphrase: nothing was opened or changed. Try again.": (
        "Phrase de passe incorrecte : rien n’a été ouvert ni modifié. Réessayez."
    ),
    "The passphrase must have at least 8 characters.": (
        "La phrase de passe doit compter au moins 8 caractères."
    ),
    "The two passphrases differ.": "Les deux phrases de passe diffèrent.",
    "Type the passphrase.": "Saisissez la phrase de passe.",
    "Not now": "Pas maintenant",
    "Encrypt": "Chiffrer",
    "Data encryption": "Chiffrement des données",
    "Encryption protects a lost or stolen laptop: without the key, the database "
    "and the photos on its disk cannot be read. It does not protect a laptop left "
    "unlocked while FieldKit is open, nor screen captures. Exports and reports are "
    "written in clear where you choose.": (
        "Le chiffrement protège un portable perdu ou volé : sans la clé, la base de données "
        "et les photos de son disque sont illisibles. Il ne protège pas un portable laissé "
        "déverrouillé pendant que FieldKit est ouvert, ni les captures d’écran. Les exports "
        "et les rapports sont écrits en clair là où vous le choisissez."
    ),
    "Encrypt…": "Chiffrer…",
    "Change the passphrase…": "Changer la phrase de passe…",
    "Decrypt…": "Déchiffrer…",
    "The data of this laptop is encrypted; its key is kept in the system keyring.": (
        "Les données de ce portable sont chiffrées ; leur clé est gardée dans le trousseau "
        "du système."
    ),
    "The data of this laptop is encrypted; its key is protected by a passphrase.": (
        "Les données de ce portable sont chiffrées ; leur clé est protégée par une phrase de passe."
    ),
    "The data of this laptop is not encrypted.": (
        "Les données de ce portable ne sont pas chiffrées."
    ),
    "Everything has been synced.": "Tout a été synchronisé.",
    "%n change(s) not synced yet: if the key is lost before they are, they are "
    "lost. What was synced can always be recovered from the server.": (
        "%n modification n’est pas encore synchronisée : si la clé est perdue avant, elle "
        "sera perdue. Ce qui a été synchronisé peut toujours être récupéré depuis le serveur.",
        "%n modifications ne sont pas encore synchronisées : si la clé est perdue avant, "
        "elles seront perdues. Ce qui a été synchronisé peut toujours être récupéré depuis "
        "le serveur.",
    ),
    "FieldKit will close, encrypt the data, then open again.": (
        "FieldKit va se fermer, chiffrer les données, puis se rouvrir."
    ),
    "Encrypt the data": "Chiffrer les données",
    "The key will be kept in the system keyring.": (
        "La clé sera gardée dans le trousseau du système."
    ),
    "Decrypt the data": "Déchiffrer les données",
    "The database and photos will be stored in clear on this laptop: anyone who "
    "copies its disk can read them. FieldKit will close, decrypt, then open again.": (
        "La base de données et les photos seront stockées en clair sur ce portable : "
        "quiconque copie son disque pourra les lire. FieldKit va se fermer, déchiffrer, puis "
        "se rouvrir."
    ),
    "Change the passphrase": "Changer la phrase de passe",
    "The passphrase was changed.": "La phrase de passe a été changée.",
    "Data encr&yption…": "C&hiffrement des données…",
    "Encrypt this laptop's data, or change its passphrase": (
        "Chiffrer les données de ce portable, ou changer leur phrase de passe"
    ),
    "Encrypting the data…": "Chiffrement des données…",
    "Decrypting the data…": "Déchiffrement des données…",
    "The conversion failed; the data was left as it was: %1": (
        "La conversion a échoué ; les données sont restées telles quelles : %1"
    ),
    "The data of this laptop is now encrypted.": (
        "Les données de ce portable sont désormais chiffrées."
    ),
    "The data of this laptop is now in clear.": (
        "Les données de ce portable sont désormais en clair."
    ),
    # -- encryption errors (ui/i18n.py) -----------------------------------------------
    "Wrong passphrase for this data: nothing was opened or changed.": (
        "Phrase de passe incorrecte pour ces données : rien n’a été ouvert ni modifié."
    ),
    "This data is encrypted: its passphrase is needed to open it.": (
        "Ces données sont chiffrées : leur phrase de passe est nécessaire pour les ouvrir."
    ),
    "The key of this encrypted data is not in this computer's keyring, so it cannot "
    "be read. What was synced can be recovered by signing in again in a new data "
    "folder.": (
        "La clé de ces données chiffrées n’est pas dans le trousseau de cet ordinateur : "
        "elles ne peuvent pas être lues. Ce qui a été synchronisé peut être récupéré en se "
        "reconnectant dans un nouveau dossier de données."
    ),
    "The key could not be saved in the system keyring: use a passphrase.": (
        "La clé n’a pas pu être enregistrée dans le trousseau du système : utilisez une "
        "phrase de passe."
    ),
    "The database does not match this data's key, or it is damaged.": (
        "La base de données ne correspond pas à la clé de ces données, ou elle est abîmée."
    ),
    "The encryption settings of this data folder cannot be read.": (
        "Les réglages de chiffrement de ce dossier de données sont illisibles."
    ),
    "An encrypted photo file is damaged or was sealed with another key.": (
        "Un fichier photo chiffré est abîmé ou a été scellé avec une autre clé."
    ),
    "This data is already encrypted.": "Ces données sont déjà chiffrées.",
    "This data is not encrypted.": "Ces données ne sont pas chiffrées.",
    "Several communes match this postcode and name: %1.": (
        "Plusieurs communes correspondent à ce code postal et à ce nom : %1."
    ),
    "No commune matches this postcode and name.": (
        "Aucune commune ne correspond à ce code postal et à ce nom."
    ),
    "This postcode is not in a French département or région.": (
        "Ce code postal n’est pas dans un département ni une région de France."
    ),
    "The commune of “%1” is not settled: it is listed to settle.": (
        "La commune de « %1 » n’est pas établie : elle est listée pour être précisée."
    ),
    "The file says %1, but %2 is in %3: filed in %3.": (
        "Le fichier indique %1, mais %2 est dans le %3 : classé dans le %3."
    ),
    "The encrypted data of this laptop cannot be opened.": (
        "Les données chiffrées de ce portable ne peuvent pas être ouvertes."
    ),
    "This FieldKit cannot open encrypted data (SQLCipher is missing).": (
        "Ce FieldKit ne peut pas ouvrir de données chiffrées (SQLCipher est absent)."
    ),
    "This FieldKit's SQLCipher has no full-text search (FTS5): encrypted data cannot be opened.": (
        "Le SQLCipher de ce FieldKit n’a pas la recherche plein texte (FTS5) : les données "
        "chiffrées ne peuvent pas être ouvertes."
    ),
    "This FieldKit's SQLCipher is not version 4.": (
        "Le SQLCipher de ce FieldKit n’est pas en version 4."
    ),
    # -- mission files, update banner, support (ui/mission.py, ui/support_menu.py) ----
    "This is not a FieldKit mission file.": "Ce n’est pas un fichier de mission FieldKit.",
    "This mission file was changed after the server issued it (its signature does "
    "not match). Ask the coordinator for a new mission file.": (
        "Ce fichier de mission a été modifié après sa création par le serveur (sa signature "
        "ne correspond plus). Demandez un nouveau fichier de mission à la coordination."
    ),
    "This mission file was not issued by the server at %1. Nothing was sent to it. "
    "Ask the coordinator for a mission file from the mission's own server.": (
        "Ce fichier de mission n’a pas été créé par le serveur %1. Rien ne lui a été envoyé. "
        "Demandez à la coordination un fichier de mission venant du serveur de la mission."
    ),
    "This mission file was made for a newer FieldKit: update FieldKit.": (
        "Ce fichier de mission est destiné à une version plus récente de FieldKit : "
        "mettez FieldKit à jour."
    ),
    "The server presents another certificate than the one in the mission file. "
    "Nothing was sent to it. Ask the coordinator whether its certificate changed.": (
        "Le serveur présente un autre certificat que celui du fichier de mission. Rien ne "
        "lui a été envoyé. Demandez à la coordination si son certificat a changé."
    ),
    "Give your user name.": "Indiquez votre nom d’utilisateur.",
    "Wrong user name or password.": "Nom d’utilisateur ou mot de passe incorrect.",
    "The mission's server cannot be reached. Try again once this computer is online.": (
        "Le serveur de la mission est injoignable. Réessayez quand cet ordinateur sera connecté."
    ),
    "Open a mission": "Ouvrir une mission",
    "This mission file sets up the sync server. Give your password to sign in.": (
        "Ce fichier de mission configure le serveur de synchronisation. Indiquez votre mot "
        "de passe pour vous connecter."
    ),
    "Mission:": "Mission :",
    "Server:": "Serveur :",
    "Sign in and synchronise": "Se connecter et synchroniser",
    "Give your user name and your password.": (
        "Indiquez votre nom d’utilisateur et votre mot de passe."
    ),
    "Open a &mission…": "Ouvrir une &mission…",
    "Open a mission…": "Ouvrir une mission…",
    "Recen&t missions": "Mis&sions récentes",
    "Switch to another mission's data": "Passer aux données d’une autre mission",
    "Data without a mission": "Données sans mission",
    "Demo: never synchronised": "Démonstration : jamais synchronisée",
    "Nothing is sent from the demo": "Rien n’est envoyé depuis la démonstration",
    "Nothing is sent from the demo: it stays on this computer, and wiping it would lose "
    "nothing of a real mission.": "Rien n’est envoyé depuis la démonstration : elle reste sur "
    "cet ordinateur, et l’effacer ne ferait perdre aucune donnée d’une vraie mission.",
    "Set up the sync server from the coordinator's file": (
        "Configurer le serveur de synchronisation avec le fichier de la coordination"
    ),
    "FieldKit missions (*.fieldkit)": "Missions FieldKit (*.fieldkit)",
    "Mission set up: first synchronisation…": "Mission configurée : première synchronisation…",
    "Open the &data folder": "Ouvrir le &dossier des données",
    "&Copy the diagnostic report": "&Copier le rapport de diagnostic",
    "Versions, folders and last errors, for support; no personal data": (
        "Versions, dossiers et dernières erreurs, pour l’assistance ; aucune donnée personnelle"
    ),
    "Diagnostic report copied: paste it into your message to support.": (
        "Rapport de diagnostic copié : collez-le dans votre message à l’assistance."
    ),
    "Hide": "Masquer",
    "FieldKit %1 is recommended for this mission (this one is %2).": (
        "FieldKit %1 est recommandé pour cette mission (celui-ci est en version %2)."
    ),
    "Download it": "Le télécharger",
    "Ask the coordinator for it.": "Demandez-le à la coordination.",
    "This mission file cannot be used.": "Ce fichier de mission est inutilisable.",
    "This address does not answer as a FieldKit server.": (
        "Cette adresse ne répond pas comme un serveur FieldKit."
    ),
    "The server's mission settings cannot be read.": (
        "Les réglages de mission du serveur sont illisibles."
    ),
    "“%1” is not a version number like 0.2.0.": (
        "« %1 » n’est pas un numéro de version comme 0.2.0."
    ),
    "The mission has no name: give one.": "La mission n’a pas de nom : donnez-lui en un.",
    # -- name retention (ui/retention_ui.py) --------------------------------------------
    "Retention of names": "Durée de conservation des noms",
    "From the retention date, every output (reports, exports, listings) shows each "
    "interviewee by their pseudonym, consent or not. Once the date has come, the stored "
    "names are replaced too: the name fields, and full names written exactly as stored in "
    "the notes. Nothing else is rewritten; the next sync carries the changes to every "
    "computer.": (
        "À partir de la date de conservation, tout ce qui sort (rapports, exports, listes) "
        "montre chaque personne interrogée par son pseudonyme, consentement ou non. Une fois "
        "la date venue, les noms enregistrés sont remplacés eux aussi : les champs de nom, et "
        "les noms complets écrits exactement tels qu’enregistrés dans les notes. Rien d’autre "
        "n’est réécrit ; la synchronisation suivante porte les changements sur chaque "
        "ordinateur."
    ),
    "Retention &date:": "&Date de conservation :",
    "Retention date": "Date de conservation",
    "Day/month/year": "Jour/mois/année",
    "What &will change (nothing is written yet):": "&Ce qui changera (rien n’est encore écrit) :",
    "Preview of the changes": "Aperçu des changements",
    "Working": "Travail en cours",
    "Result": "Résultat",
    "&Apply": "&Appliquer",
    "Apply the retention date": "Appliquer la date de conservation",
    "Set the date; once it has come, replace the stored names as previewed": (
        "Enregistre la date ; une fois venue, remplace les noms enregistrés comme dans l’aperçu"
    ),
    "&Remove the date": "&Retirer la date",
    "Remove the retention date": "Retirer la date de conservation",
    "&Close": "&Fermer",
    "Reading the mission…": "Lecture de la mission…",
    "Retention date set now: %1.": "Date de conservation enregistrée : %1.",
    "No retention date is set: consenting people may be named in outputs.": (
        "Aucune date de conservation : les personnes qui ont consenti peuvent être nommées "
        "dans ce qui sort."
    ),
    "The date has come: « Apply » replaces at once what follows, on this computer now and "
    "everywhere at the next sync.": (
        "La date est venue : « Appliquer » remplace tout de suite ce qui suit, sur cet "
        "ordinateur maintenant et partout à la synchronisation suivante."
    ),
    "From %1, outputs show pseudonyms only; then what follows is replaced (at the first "
    "sync from that day, or here with « Apply »).": (
        "À partir du %1, tout ce qui sort ne montre que des pseudonymes ; puis ce qui suit "
        "est remplacé (à la première synchronisation de ce jour-là, ou ici avec "
        "« Appliquer »)."
    ),
    "Nothing to replace: no stored name is left.": (
        "Rien à remplacer : il ne reste aucun nom enregistré."
    ),
    "%n change(s):": ("%n changement :", "%n changements :"),
    "Samples (as they will read):": "Échantillons (tels qu’ils se liront) :",
    "Left as they are: first names or surnames alone, and any form not written exactly as "
    "the full name (outputs hide them); the visits' staff and the places' directory "
    "fields.": (
        "Laissés tels quels : prénoms ou noms seuls, et toute forme qui n’est pas écrite "
        "exactement comme le nom complet (ce qui sort les cache) ; les visiteurs des visites "
        "et les champs d’annuaire des lieux."
    ),
    "Interview: name replaced by its pseudonym": "Entretien : nom remplacé par son pseudonyme",
    "Interview: organisation named after the person, replaced by its kind": (
        "Entretien : organisation qui porte le nom de la personne, remplacée par sa nature"
    ),
    "Interview notes: full name replaced": "Notes d’entretien : nom complet remplacé",
    "Interview quotes: full name replaced": "Citations d’entretien : nom complet remplacé",
    "Visit notes: full name replaced": "Notes de visite : nom complet remplacé",
    "Visit summary: full name replaced": "Résumé de visite : nom complet remplacé",
    "Photo caption: full name replaced": "Légende de photo : nom complet remplacé",
    "Place description: full name replaced": "Description de lieu : nom complet remplacé",
    "Applying…": "Application en cours…",
    "The mission changed since the preview: nothing was written. Check the new preview, "
    "then apply again.": (
        "La mission a changé depuis l’aperçu : rien n’a été écrit. Vérifiez le nouvel "
        "aperçu, puis appliquez à nouveau."
    ),
    "Retention date set: %1. Nothing stored was rewritten yet; ": (
        "Date de conservation enregistrée : %1. Rien d’enregistré n’est encore réécrit ; "
    ),
    "%n change(s) previewed will be applied once the date has come.": (
        "%n changement de l’aperçu sera appliqué une fois la date venue.",
        "%n changements de l’aperçu seront appliqués une fois la date venue.",
    ),
    "Retention date set: %1. Nothing was rewritten: no stored name is left.": (
        "Date de conservation enregistrée : %1. Rien n’a été réécrit : il ne reste aucun nom "
        "enregistré."
    ),
    "Retention date set: %1. ": "Date de conservation enregistrée : %1. ",
    "%n change(s) applied": ("%n changement appliqué", "%n changements appliqués"),
    ", %n name(s) replaced by their pseudonym.": (
        ", %n nom remplacé par son pseudonyme.",
        ", %n noms remplacés par leur pseudonyme.",
    ),
    "Left untouched: first names or surnames alone and other forms of the names (outputs "
    "hide them), the visits' staff and the places' directory fields. The next sync carries "
    "the changes to the server.": (
        "Laissés intacts : prénoms ou noms seuls et autres formes des noms (ce qui sort les "
        "cache), les visiteurs des visites et les champs d’annuaire des lieux. La "
        "synchronisation suivante porte les changements au serveur."
    ),
    "The retention date is removed. Names already replaced stay pseudonyms.": (
        "La date de conservation est retirée. Les noms déjà remplacés restent des pseudonymes."
    ),
    "Nothing was changed: %1": "Rien n’a été changé : %1",
    "Name re&tention…": "Durée de &conservation des noms…",
    "The date from which no interviewee is named, and what it replaces": (
        "La date à partir de laquelle plus personne n’est nommé, et ce qu’elle remplace"
    ),
}

FRENCH_IN_CONTEXT: dict[tuple[str, str], str | tuple[str, str]] = {
    ("History", "Deleted"): "Suppression",
    # Qt's file dialog (ui/qt_strings.py): missing from the qtbase_fr.qm PySide6 ships
    ("QFileDialog", "&Look in:"): "&Regarder dans :",
    ("QFileDialog", "Files of &type:"): "Fichiers de &type :",
    ("MainWindow", "&Edit"): "&Édition",
    ("Commands", "New visit"): "création d’une visite",
    ("PhotosTab", "&View"): "&Voir",
}
