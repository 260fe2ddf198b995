from planchk.cli import main

main()
