"""Numbered schema revisions; never edit one that has shipped, add the next."""
