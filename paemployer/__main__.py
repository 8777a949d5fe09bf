from paemployer.cli import main

raise SystemExit(main())
