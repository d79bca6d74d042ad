"""A short sound made with the standard library: a WAV file of a soft tone (or of silence),
for the demo's moment with audio and the tests of uploads."""

import io
import math
import struct
import wave


def wav(seconds=1.0, *, rate=8000, tone=440.0, volume=0.2):
    """A mono 16-bit WAV of `seconds`: a sine tone (tone=0: silence)."""
    frames = int(seconds * rate)
    samples = (
        int(volume * 32767 * math.sin(2 * math.pi * tone * n / rate)) if tone else 0
        for n in range(frames)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return buffer.getvalue()
