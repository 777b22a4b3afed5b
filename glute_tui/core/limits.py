"""How long a value from a file or an import may be, and how many sets a session may hold."""

NAME_MAX = 120  # characters: a routine's or exercise's name, an exercise id, a load
TEXT_MAX = 200  # characters: free text (a description, a cue)
SETS_MAX = 500  # sets in one session
