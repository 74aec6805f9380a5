"""Read a page's forms as a browser would submit them (for the HTTP-only scale-out test)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # every field, filled or not
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, text)
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False
        self._textarea: str | None = None
        self._button: tuple[str, str] | None = None
        self._button_text = ""

    def handle_starttag(self, tag, attrs) -> None:
        a = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower(),
                              a.get("enctype", ""))
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image"):
                form.buttons.append((name, a.get("value", ""), a.get("value", "")))
                return
            form.names.append(name)
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields[name] = a.get("value", "on")
            elif kind != "file":
                form.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            form.names.append(name)
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
                form.fields[self._select] = value
            if "selected" in a and not self._selected:
                form.fields[self._select] = value
                self._selected = True
        elif tag == "textarea" and name:
            form.names.append(name)
            self._textarea = name
            form.fields[name] = ""
        elif tag == "button":
            self._button = (name or "", a.get("value", ""))
            self._button_text = ""

    def handle_data(self, data) -> None:
        if self._form is not None:
            self._form.text += data
        if self._textarea and self._form is not None:
            self._form.fields[self._textarea] += data
        if self._button is not None:
            self._button_text += data

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "button" and self._button is not None:
            if self._form is not None:
                self._form.buttons.append((*self._button, " ".join(self._button_text.split())))
            self._button = None


def forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def form_with(html: str, *, button: str | None = None, field_name: str | None = None) -> Form:
    """The form holding a button with this text, or a field with this name."""
    for candidate in forms(html):
        if button and any(button == text for _name, _value, text in candidate.buttons):
            return candidate
        if field_name and field_name in candidate.names:
            return candidate
    raise AssertionError(f"no form with button {button!r} / field {field_name!r} on the page")
