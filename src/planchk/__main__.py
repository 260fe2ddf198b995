"""`python -m planchk`: the same as the `planchk` command."""

if __name__ == "__main__":
    from planchk.cli.entry import main

    main()
