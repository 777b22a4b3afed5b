"""Textual-free objects that hold the app's state and its rules; screens and commands use them."""
