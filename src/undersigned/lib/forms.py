from django import forms


class AccessibleErrorsMixin(forms.BaseForm):
    """Link each invalid field to its error message (aria-describedby), so a screen reader
    reads the error when the field gets focus. A view may set `error_title` when the
    trouble is not what was entered (a rate limit, a refusal)."""

    error_title = ""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}-error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
