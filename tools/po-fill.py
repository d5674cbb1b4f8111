#!/usr/bin/env python3
# po-fill.py — fills given translations into a merged catalogue (used for the last new messages of a session).
# Usage: po-fill.py ru|kk IN.po OUT.po
import polib, sys
T = {
 "%s %ld: %s changed from “%s” to “%s”": ("%s %ld: %s изменено с «%s» на «%s»", "%s %ld: %s «%s» мәнінен «%s» мәніне өзгертілді"),
 "%s %ld added": ("%s %ld добавлено", "%s %ld қосылды"),
 "%s %ld deleted": ("%s %ld удалено", "%s %ld жойылды"),
 "History": ("История", "Тарих"),
 "null": ("пустое значение", "бос мән"),
 "an object": ("объект", "объект"),
 "a list": ("список", "тізім"),
 "true or false": ("да или нет", "иә немесе жоқ"),
 "a text": ("текст", "мәтін"),
 "a number": ("число", "сан"),
 "The methodology's “%s” must be %s, not %s.": ("«%s» в методике должно быть: %s, а не %s.", "Әдістемедегі «%s» мәні %s болуы керек, %s емес."),
 "The methodology's “%s” is not a finite number.": ("«%s» в методике — не конечное число.", "Әдістемедегі «%s» — шектеулі сан емес."),
 "The methodology's “%s” is out of range (at most a billion either way).": ("«%s» в методике вне допустимых пределов (не более миллиарда по модулю).", "Әдістемедегі «%s» рұқсат етілген шектен тыс (модулі бойынша миллиардтан аспауы керек)."),
 "The methodology is not a JSON object.": ("Методика не является объектом JSON.", "Әдістеме JSON объектісі емес."),
 "no valid attestation: in full per the List": ("нет действующей аттестации: в полном объёме по Списку", "қолданыстағы аттестаттау жоқ: Тізім бойынша толық көлемде"),
 "not confirmed: the employer may reduce": ("не подтверждено: работодатель вправе уменьшить", "расталмаған: жұмыс беруші азайта алады"),
 "The backup was restored.": ("Резервная копия восстановлена.", "Сақтық көшірме қалпына келтірілді."),
 "There is no backup of this database yet.": ("У этой базы данных ещё нет резервных копий.", "Бұл дерекқордың әлі сақтық көшірмесі жоқ."),
 "The database will be put back as it was in the backup “%s”. Changes made since then are lost (a backup of the present state is made first).": ("База данных будет возвращена к состоянию резервной копии «%s». Изменения, сделанные после неё, будут потеряны (сначала делается резервная копия текущего состояния).", "Дерекқор «%s» сақтық көшірмесіндегі күйіне қайтарылады. Одан кейін енгізілген өзгерістер жоғалады (алдымен қазіргі күйдің сақтық көшірмесі жасалады)."),
 "Restore the latest backup?": ("Восстановить последнюю резервную копию?", "Соңғы сақтық көшірмені қалпына келтіру керек пе?"),
 "_Restore": ("_Восстановить", "_Қалпына келтіру"),
 "Restore the latest _backup…": ("Восстановить последнюю _резервную копию…", "Соңғы _сақтық көшірмені қалпына келтіру…"),
}
# More translations may come as tab-separated files (msgid, ru, kk; "\n" for a line break) named after the catalogues.
import glob, os
for tsv in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'po-fill.d', '*.tsv'))):
    for line in open(tsv, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'): continue
        parts = [x.replace('\\n', '\n') for x in line.split('\t')]
        if len(parts) != 3: sys.exit('%s: not three columns: %r' % (tsv, line))
        T[parts[0]] = (parts[1], parts[2])
lang = sys.argv[1]; idx = 0 if lang == 'ru' else 1
po = polib.pofile(sys.argv[2], wrapwidth=0)
missing = []
for e in po:
    if e.obsolete: continue
    if not e.translated():
        if e.msgid in T:
            e.msgstr = T[e.msgid][idx]
            if 'fuzzy' in e.flags: e.flags.remove('fuzzy')
        elif e.msgid:
            missing.append(e.msgid)
po.save(sys.argv[3])
print(lang, "missing:", missing)
