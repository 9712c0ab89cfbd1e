"""PDF and printed pages laid out with Qt's text engine (QtGui only, no widgets).

Kept out of `navigator.ui` so the command line can write a handout without importing the user
interface.
"""
