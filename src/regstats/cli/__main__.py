from regstats.cli import main

main()
