"""Create or edit a place: the commune is picked from the communes of the postcode.

The postcode offers its communes (a completer on the commune field); a commune typed first
offers its postcodes (a completer on both fields: choosing « Pontis — 05160 » fills both).
The form shows the commune's INSEE code, and the département and région that follow from
it, not from the postcode (05160 Pontis is in 04). A place without coordinates is drawn at
its commune's centre: the coordinate fields say so (« ≈ … »).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit import communes, geo
from fieldkit.errors import ValidationError
from fieldkit.merge import merge_value
from fieldkit.store import KINDS, PLACE_KINDS, schema
from ui.i18n import error_message, place_kind_label
from ui.icons import icon

#: The fields this dialog edits, in the order of the form.
FORM_FIELDS = (
    "name",
    "kind",
    "address",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "website",
    "contact",
    "description",
)


class PlaceDialog(QDialog):
    """``PlaceDialog(place=None)``; after ``exec()`` is accepted, :meth:`values` holds the fields."""

    def __init__(self, place: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeDialog")
        self._place = place or {}
        self.setWindowIcon(icon("new-place" if not place else "edit"))
        self.resize(480, self.sizeHint().height())

        self.name_edit = QLineEdit(objectName="nameEdit")
        self.kind_combo = QComboBox(objectName="kindCombo")
        for kind in PLACE_KINDS:
            self.kind_combo.addItem(place_kind_label(kind), kind)
        self.address_edit = QLineEdit(objectName="addressEdit")
        self.postcode_edit = QLineEdit(objectName="postcodeEdit")
        self.postcode_edit.setMaxLength(5)
        self.postcode_edit.setInputMask("")
        self.departement_label = QLabel(objectName="departementLabel")
        self.region_label = QLabel(objectName="regionLabel")
        self.departement_label.setWordWrap(True)
        self.region_label.setWordWrap(True)
        self.commune_edit = QLineEdit(objectName="communeEdit")
        self.commune_status = QLabel(objectName="communeStatus")
        self.commune_status.setWordWrap(True)
        # Communes of the postcode, or « Commune — postcode » pairs for a commune typed first.
        self.commune_model = QStringListModel(self)
        self.commune_completer = QCompleter(self.commune_model, self)
        self.commune_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.commune_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.commune_completer.setMaxVisibleItems(12)
        self.commune_edit.setCompleter(self.commune_completer)
        self.commune_completer.activated.connect(self._commune_chosen)
        # Postcodes of the commune typed.
        self.postcode_model = QStringListModel(self)
        self.postcode_completer = QCompleter(self.postcode_model, self)
        self.postcode_edit.setCompleter(self.postcode_completer)
        self._pairs: dict[str, tuple[str, str]] = {}  # completer text → (commune, postcode)
        self.latitude_edit = QLineEdit(objectName="latitudeEdit")
        self.longitude_edit = QLineEdit(objectName="longitudeEdit")
        self.website_edit = QLineEdit(objectName="websiteEdit")
        self.contact_edit = QLineEdit(objectName="contactEdit")
        self.description_edit = QPlainTextEdit(objectName="descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(80)
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a33a3a; font-weight: bold;")
        self.error_label.hide()
        # Says when the place was changed elsewhere while the dialog was open.
        self.notice_label = QLabel(objectName="placeNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #b45f06;")
        self.notice_label.hide()

        self.form = QFormLayout()
        self._labels: dict[str, QLabel] = {}
        rows = [
            ("name", self.name_edit),
            ("kind", self.kind_combo),
            ("address", self.address_edit),
            ("postcode", self.postcode_edit),
            ("departement", self.departement_label),
            ("region", self.region_label),
            ("commune", self.commune_edit),
            ("commune_insee", self.commune_status),
            ("latitude", self.latitude_edit),
            ("longitude", self.longitude_edit),
            ("website", self.website_edit),
            ("contact", self.contact_edit),
            ("description", self.description_edit),
        ]
        for key, widget in rows:
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            self.form.addRow(label, widget)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.buttons)

        self._fill(self._place)
        self.postcode_edit.textChanged.connect(self._update_codes)
        self.postcode_edit.textEdited.connect(self._postcode_edited)
        self.commune_edit.textChanged.connect(self._update_codes)
        self.commune_edit.textEdited.connect(self._commune_edited)
        self._postcode_edited()
        self._update_codes()
        self.retranslate_ui()
        self.name_edit.setFocus()
        # Size the dialog before its native window exists (offscreen Qt warns otherwise).
        layout.activate()

    # -- texts -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit place") if self._place else self.tr("New place"))
        texts = {
            "name": self.tr("&Name:"),
            "kind": self.tr("&Kind:"),
            "address": self.tr("&Address:"),
            "postcode": self.tr("&Postcode:"),
            "departement": self.tr("Département:"),
            "region": self.tr("Région:"),
            "commune": self.tr("&Commune:"),
            "commune_insee": self.tr("INSEE code:"),
            "latitude": self.tr("La&titude:"),
            "longitude": self.tr("Lon&gitude:"),
            "website": self.tr("&Website:"),
            "contact": self.tr("C&ontact:"),
            "description": self.tr("&Description:"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        for i, kind in enumerate(PLACE_KINDS):
            self.kind_combo.setItemText(i, place_kind_label(kind))
        self.name_edit.setPlaceholderText(self.tr("e.g. La Cordée Béziers"))
        self.postcode_edit.setPlaceholderText(self.tr("5 digits"))
        self._update_codes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- values ------------------------------------------------------------------------
    def _fill(self, place: dict[str, Any]) -> None:
        self.name_edit.setText(place.get("name", ""))
        i = self.kind_combo.findData(place.get("kind", "coworking" if not place else "other"))
        self.kind_combo.setCurrentIndex(max(i, 0))
        self.address_edit.setText(place.get("address", ""))
        self.postcode_edit.setText(place.get("postcode", ""))
        self.commune_edit.setText(place.get("commune", ""))
        for edit, key in ((self.latitude_edit, "latitude"), (self.longitude_edit, "longitude")):
            value = place.get(key)
            # Written as the locale writes decimals (43,344 in French); the store reads both.
            text = "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")
            edit.setText(text.replace(".", QLocale().decimalPoint()))
        self.website_edit.setText(place.get("website", ""))
        self.contact_edit.setText(place.get("contact", ""))
        self.description_edit.setPlainText(place.get("description", ""))

    @property
    def place(self) -> dict[str, Any]:
        """The stored place this dialog edits, as last read (the base of its save)."""
        return self._place

    def absorb(self, stored: dict[str, Any] | None) -> None:
        """The place was written elsewhere while the dialog was open (a sync, another
        program): fields untouched here take the new values, typed ones are merged (the
        description word by word); where both changed the same thing, the typed value
        stays and the notice shows the other one."""
        if stored is None or not self._place:
            return
        kind = KINDS["place"]
        try:
            mine = schema.normalise(kind, self.values())
        except ValidationError:
            mine = {}
        out = {f: v for f, v in mine.items() if f in FORM_FIELDS}
        clashes = []
        for field in FORM_FIELDS:
            base, theirs = self._place.get(field), stored.get(field)
            if theirs == base or field not in out:
                continue
            if out[field] == base:
                out[field] = theirs
                continue
            ok, merged = merge_value(base, out[field], theirs, text=field == "description")
            out[field] = merged
            if not ok:
                clashes.append(f"{field}: {theirs}")
        self._place = dict(stored)
        if out != {f: v for f, v in mine.items() if f in FORM_FIELDS}:
            self._fill({**stored, **out})
            self._update_codes()
        if clashes:
            self.notice_label.setText(
                self.tr(
                    "Changed elsewhere while you were editing; your values are kept and OK "
                    "saves them. The other values were: %1"
                ).replace("%1", "; ".join(clashes))
            )
            self.notice_label.show()

    def _resolution(self) -> communes.Resolution | None:
        postcode = self.postcode_edit.text().strip()
        commune = self.commune_edit.text().strip()
        if not postcode and not commune:
            return None
        if postcode and len(communes.normalise_postcode(postcode)) != 5:
            return None
        return communes.resolve(postcode, commune)

    def _codes(self) -> tuple[str, str, str]:
        """(INSEE code, département, région) the form implies: from the commune when the
        postcode and name resolve to one, else from the postcode, else the place's own."""
        found = self._resolution()
        if found is not None and found.commune is not None:
            return found.commune.insee, found.commune.departement, found.commune.region
        postcode = self.postcode_edit.text().strip()
        if postcode:
            if communes.territory_outside(postcode):
                return "", "", ""
            spread = self._departements_of_candidates()
            if len(spread) == 1:  # every commune of the postcode is in one département
                return "", *spread[0]
            dep = geo.departement_for_postcode(postcode)
            if dep is None:
                return "", "", ""
            return "", dep.code, dep.region
        if self.commune_edit.text().strip():
            return "", "", ""
        return "", self._place.get("departement", ""), self._place.get("region", "")

    # -- completers ----------------------------------------------------------------------
    def _postcode_edited(self, _text: str = "") -> None:
        """A postcode offers its communes."""
        postcode = communes.normalise_postcode(self.postcode_edit.text())
        if len(postcode) == 5 and postcode.isdigit():
            names = sorted({c.name for c in communes.communes_of_postcode(postcode)})
            self._pairs = {}
            self.commune_model.setStringList(names)

    def _commune_edited(self, text: str) -> None:
        """A commune typed offers its postcodes (and « commune — postcode » pairs when the
        postcode is still empty)."""
        postcode = communes.normalise_postcode(self.postcode_edit.text())
        if len(postcode) == 5 and self.commune_model.stringList():
            return  # the postcode's communes are offered
        hits = communes.search_communes(text, limit=40)
        self._pairs = {f"{c.name} — {pc}": (c.name, pc) for pc, c in hits}
        self.commune_model.setStringList(list(self._pairs))
        key = communes.commune_key(text)
        self.postcode_model.setStringList(
            sorted({pc for pc, c in hits if communes.commune_key(c.name) == key})
        )

    def _commune_chosen(self, text: str) -> None:
        pair = self._pairs.get(text)
        if pair is None:
            return
        name, postcode = pair
        self.postcode_edit.setText(postcode)
        self.commune_edit.setText(name)
        self._postcode_edited()

    def _update_codes(self) -> None:
        postcode = self.postcode_edit.text().strip()
        insee, dep_code, reg_code = self._codes()
        self._update_commune_status(insee)
        if postcode and not dep_code:
            complete = len(postcode) == 5
            outside = communes.territory_name(postcode) if complete else None
            self.departement_label.setText(
                self.tr("Not in a département: %1").replace("%1", outside)
                if outside
                else self.tr("Not a French postcode")
                if complete
                else self.tr("…")
            )
            self.departement_label.setStyleSheet("color: #a33a3a;" if complete else "")
            self.region_label.setText("")
            return
        self.departement_label.setStyleSheet("")
        spread = self._departements_of_candidates() if not insee else []
        if len(spread) > 1:
            # The postcode's communes lie in several départements: the commune decides.
            or_ = self.tr(" or ")
            self.departement_label.setText(
                self.tr("%1 — depends on the commune").replace(
                    "%1", or_.join(f"{geo.departement_name(d)} ({d})" for d, _ in spread)
                )
            )
            regions = sorted({r for _, r in spread})
            self.region_label.setText(or_.join(f"{geo.region_name(r)} ({r})" for r in regions))
            return
        self.departement_label.setText(
            f"{geo.departement_name(dep_code)} ({dep_code})" if dep_code else self.tr("—")
        )
        self.region_label.setText(
            f"{geo.region_name(reg_code)} ({reg_code})" if reg_code else self.tr("—")
        )

    def _departements_of_candidates(self) -> list[tuple[str, str]]:
        """(département, région) of the communes the postcode may mean, before one is chosen."""
        postcode = communes.normalise_postcode(self.postcode_edit.text())
        if len(postcode) != 5 or not postcode.isdigit():
            return []
        found = self._resolution()
        if found is not None and found.candidates:
            places = [c for _, c in found.candidates]
        else:
            places = communes.communes_of_postcode(postcode)
        return sorted({(c.departement, c.region) for c in places})

    def _update_commune_status(self, insee: str) -> None:
        found = self._resolution()
        if found is None:
            self.commune_status.setText(self.tr("—"))
        elif found.commune is not None:
            self.commune_status.setText(f"{found.commune.name} ({insee})")
        elif found.status == "ambiguous":
            self.commune_status.setText(
                self.tr("Several communes match: pick one from the list (%1).").replace(
                    "%1", ", ".join(c.name for _, c in found.candidates[:4])
                )
            )
        elif found.status == "outside":
            self.commune_status.setText("")
        else:
            self.commune_status.setText(
                self.tr("No such commune for this postcode: the place will be listed to settle.")
            )
        self._update_centroid_hint(found.commune if found is not None else None)

    def _update_centroid_hint(self, commune: communes.Commune | None) -> None:
        """Empty coordinates: the place is drawn at its commune's centre, approximately."""
        if commune is None or commune.latitude is None or commune.longitude is None:
            self.latitude_edit.setPlaceholderText(self.tr("e.g. 43.344"))
            self.longitude_edit.setPlaceholderText(self.tr("e.g. 3.215"))
            return
        point = QLocale().decimalPoint()
        hint = self.tr("≈ %1 (commune centre)")
        self.latitude_edit.setPlaceholderText(
            hint.replace("%1", f"{commune.latitude:.3f}".replace(".", point))
        )
        self.longitude_edit.setPlaceholderText(
            hint.replace("%1", f"{commune.longitude:.3f}".replace(".", point))
        )

    def values(self) -> dict[str, Any]:
        """The fields as the store takes them (coordinates as text: the store parses them)."""
        insee, dep_code, reg_code = self._codes()
        commune_name = self.commune_edit.text().strip()
        if not commune_name and insee:
            # The postcode has one commune: the form shows it (« Brest (29019) »), so it is
            # the place's commune.
            found = communes.commune(insee)
            commune_name = found.name if found is not None else ""
        return {
            "name": self.name_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "address": self.address_edit.text().strip(),
            "postcode": self.postcode_edit.text().strip(),
            "commune": commune_name,
            "commune_insee": insee,
            "departement": dep_code,
            "region": reg_code,
            "latitude": self.latitude_edit.text().strip() or None,
            "longitude": self.longitude_edit.text().strip() or None,
            "website": self.website_edit.text().strip(),
            "contact": self.contact_edit.text().strip(),
            "description": self.description_edit.toPlainText(),
        }

    def changes(self) -> dict[str, Any]:
        """For an edit: only the fields that differ from the place (normalised like the store)."""
        kind = KINDS["place"]
        new = schema.normalise(kind, self.values())
        return {f: v for f, v in new.items() if self._place.get(f) != v}

    def check(self) -> ValidationError | None:
        """Run the store's own checks on the form; None when the place would be accepted."""
        kind = KINDS["place"]
        try:
            record = {f: v for f, v in kind.defaults}
            record.update({f: "" for f in kind.fields})
            record.update(latitude=None, longitude=None, tags=[])
            record.update(schema.normalise(kind, self.values()))
            schema.validate(kind, record, dt.date.today())
        except ValidationError as exc:
            return exc
        return None

    def show_error(self, exc: BaseException) -> None:
        self.error_label.setText(error_message(exc))
        self.error_label.show()
        widget = {
            "name": self.name_edit,
            "kind": self.kind_combo,
            "postcode": self.postcode_edit,
            "commune_insee": self.commune_edit,
            "departement": self.postcode_edit,
            "region": self.postcode_edit,
            "latitude": self.latitude_edit,
            "longitude": self.longitude_edit,
        }.get(getattr(exc, "field", ""))
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        problem = self.check()
        if problem is not None:
            self.show_error(problem)
            return
        super().accept()
