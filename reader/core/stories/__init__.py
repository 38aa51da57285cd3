"""Stories: the same event across outlets, and how their reports compare.

`grouping` (articles into stories: `story_vectors` is what is compared, weighed by
`background`; `graph` groups incrementally; `listing` is the story list), `align` (passages that
say the same), `facts` (names, numbers, dates, quotes), `disagreements` (where reports
contradict each other),
`comparison` (one story compared), `report` (a comparison as JSON or text) and
`evaluation` (grouping scored against labelled events).
"""

from reader.core.stories.comparison import Comparison, compare_story
from reader.core.stories.graph import group_stories
from reader.core.stories.grouping import story_of

__all__ = ["Comparison", "compare_story", "group_stories", "story_of"]
