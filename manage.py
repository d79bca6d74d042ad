#!/usr/bin/env python
from carnet.cli import main

if __name__ == "__main__":
    main()
