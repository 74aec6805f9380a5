"""Job descriptions in everyday words, each with the NOC 2021 code it belongs to.

Written for the duty-matching bench (bench/noc_match.py); none is copied from the NOC. They
read like what an applicant types into the questionnaire's "duties" box.
"""

CASES: list[tuple[str, str]] = [
    ("21232", "I write code for our company's web and mobile apps in Java and Python. "
              "I fix bugs, write unit tests and review my teammates' pull requests. "
              "I also debug problems reported by users and update old programs."),
    ("21231", "I design the architecture of large software systems, gather requirements "
              "from users, write technical specifications and lead a small team of "
              "engineers building and testing the software."),
    ("31301", "I look after patients on a hospital ward: I give medication, check vital "
              "signs, write notes in their chart, work with the doctors on care plans and "
              "teach families how to care for patients after discharge."),
    ("65100", "I work at the till in a grocery store. I scan items, take cash and card "
              "payments, give change, bag groceries and count my cash drawer at the end "
              "of the shift."),
    ("63200", "I cook meals on the line in a busy restaurant, prepare sauces and "
              "vegetables before service, follow the menu recipes and keep the kitchen "
              "clean. I also order food supplies when we run low."),
    ("73300", "I drive a tractor-trailer long distance across Canada and the US, check "
              "the truck before each trip, keep my logbook and make sure the freight is "
              "loaded and secured properly."),
    ("64100", "I help customers on the floor of a clothing store find what they need, "
              "suggest products, answer questions about prices and returns, and set up "
              "displays of new merchandise."),
    ("72310", "I build wooden frames for houses, read blueprints, measure and cut lumber, "
              "install doors, windows and stairs, and put up drywall framing on "
              "renovation jobs."),
    ("72200", "I install and repair wiring, outlets, lights and electrical panels in new "
              "homes and offices, read electrical drawings and test circuits to make "
              "sure everything meets the electrical code."),
    ("72300", "I install and fix pipes, toilets, sinks and water heaters in homes, find "
              "and repair leaks, and clear blocked drains."),
    ("11100", "I prepare financial statements and tax returns for clients, check their "
              "books, do audits of company accounts and give advice on accounting "
              "and tax matters."),
    ("13110", "I manage my boss's calendar, book meetings and travel, answer emails and "
              "phone calls, prepare documents and reports in Word and Excel, and keep "
              "the office files organized."),
    ("14101", "I greet visitors at the front desk of a clinic, answer the phone, book "
              "appointments and direct people to the right office."),
    ("65312", "I clean and maintain an apartment building: I mop floors, take out the "
              "garbage, shovel snow, do small repairs and clean the hallways and "
              "elevators."),
    ("65310", "I clean rooms in a hotel: make the beds, change the towels, vacuum, dust "
              "and clean the bathrooms, and restock supplies on my cart."),
    ("42202", "I plan games, crafts and learning activities for toddlers at a daycare, "
              "watch over the children, help them eat and nap, and talk with parents "
              "about how their kids are doing."),
    ("41221", "I teach a grade 3 class: I prepare lessons in reading, math and science, "
              "mark assignments, write report cards and meet with parents."),
    ("72410", "I repair cars and light trucks at a garage: I diagnose engine problems "
              "with a scanner, replace brakes and suspension parts, change oil and do "
              "tune-ups."),
    ("72106", "I weld steel parts together with MIG and TIG welding machines, read "
              "drawings, cut metal with a torch and grind the welds smooth."),
    ("63210", "I cut, colour and style hair for men and women at a salon, give "
              "customers advice on hair care and keep my station clean."),
    ("32111", "I clean patients' teeth, take dental x-rays, check gums for disease and "
              "show people how to brush and floss properly."),
    ("31120", "I check prescriptions from doctors, prepare and hand out medicines at a "
              "drugstore and advise customers about side effects and over-the-counter "
              "drugs."),
    ("21233", "I design and build websites for small businesses, choose the layout, "
              "colours and graphics, write the HTML and CSS and make sure the sites "
              "work on phones."),
    ("52120", "I create logos, posters, brochures and social media images for clients "
              "using Illustrator and Photoshop, and choose fonts, colours and layouts."),
    ("21211", "I collect and clean large data sets, build machine learning models to "
              "predict customer churn and present the results to management with "
              "charts."),
    ("75201", "I deliver parcels to homes and businesses in a van, load the packages "
              "in the morning, plan my route and get signatures from customers."),
    ("65201", "I work behind the counter at a coffee shop and fast food place: I take "
              "orders, make drinks and sandwiches, wash dishes and clean tables."),
    ("64410", "I guard a shopping mall at night, patrol the building, check doors and "
              "alarms, watch the security cameras and write incident reports."),
    ("12200", "I keep the books for several small companies: I record invoices and "
              "payments, reconcile bank accounts, run payroll and prepare monthly "
              "financial reports."),
    ("44101", "I help elderly clients in their homes with bathing, dressing and meals, "
              "do light housekeeping and laundry, and keep them company."),
    ("62200", "As head chef I create the menu, plan the dishes, order the food, "
              "supervise the cooks in the kitchen and make sure the food quality is "
              "good."),
    ("60030", "I run a restaurant: I hire and schedule staff, control the budget and "
              "food costs, deal with customer complaints and make sure we meet health "
              "and safety rules."),
    ("63101", "I help people buy and sell houses, show homes to buyers, advise sellers "
              "on the asking price and negotiate offers."),
    ("73112", "I paint the inside and outside of houses, prepare walls by filling cracks "
              "and sanding, and hang wallpaper."),
    ("73400", "I operate a bulldozer and an excavator on construction sites to dig "
              "foundations, move earth and level the ground."),
    ("31202", "I assess patients with back pain and sports injuries, plan exercise "
              "programs and treat them with massage and stretching to restore "
              "movement."),
    ("41300", "I help families in crisis, assess their needs, connect them with "
              "community services and counsel people dealing with abuse or addiction."),
    ("75110", "I help tradespeople on construction sites: I carry materials, clean up "
              "debris, dig trenches and mix concrete."),
    ("64314", "I check guests in and out at a hotel front desk, take reservations, "
              "handle payments and answer guests' questions."),
    ("14400", "I receive shipments at a warehouse, check the goods against the packing "
              "slips, record them in the inventory system and prepare orders for "
              "shipping."),
]
