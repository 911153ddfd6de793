"""Reading the subtitle files a render writes (shared by the render tests)."""


def srt_cues(text: str) -> list[tuple[float, float, str]]:
    """(start, end, words) of every cue of a SubRip file."""

    def seconds(clock: str) -> float:
        hours, minutes, rest = clock.split(":")
        secs, millis = rest.split(",")
        return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000

    cues = []
    for block in text.strip().split("\n\n"):
        _number, times, words = block.split("\n", 2)
        start, end = times.split(" --> ")
        cues.append((seconds(start), seconds(end), " ".join(words.split())))
    return cues
