package clerkmini

// parseHTTPDate reads an IMF-fixdate, the HTTP date format ("Sun, 06 Nov 1994 08:49:37
// GMT", RFC 9110 section 5.6.7), as Unix seconds. time.Parse would do it, but links the
// layout parser and time zone tables: a fifth of a TinyGo module's code.
func parseHTTPDate(s string) (unix int64, ok bool) {
	const days, months = "SunMonTueWedThuFriSat", "JanFebMarAprMayJunJulAugSepOctNovDec"
	if len(s) != 29 || s[3:5] != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' || s[25:] != " GMT" {
		return 0, false
	}
	weekday := -1
	for i := 0; i < 7; i++ {
		if days[3*i:3*i+3] == s[:3] {
			weekday = i
		}
	}
	month := int64(0)
	for i := int64(0); i < 12; i++ {
		if months[3*i:3*i+3] == s[8:11] {
			month = i + 1
		}
	}
	num := func(from, to int) int64 {
		n := int64(0)
		for i := from; i < to; i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			n = n*10 + int64(s[i]-'0')
		}
		return n
	}
	day, year, hour, min, sec := num(5, 7), num(12, 16), num(17, 19), num(20, 22), num(23, 25)
	if weekday < 0 || month == 0 || year < 0 || day < 1 || day > daysIn(month, year) || hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59 {
		return 0, false
	}
	return ((daysSinceEpoch(year, month, day)*24+hour)*60+min)*60 + sec, true
}

func daysIn(month, year int64) int64 {
	switch {
	case month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0):
		return 29
	case month == 2:
		return 28
	case month == 4 || month == 6 || month == 9 || month == 11:
		return 30
	}
	return 31
}

// daysSinceEpoch counts the days from 1970-01-01 to a date of the proleptic Gregorian
// calendar (year ≥ 0), by shifting the year to start in March so leap days come last.
func daysSinceEpoch(year, month, day int64) int64 {
	if month <= 2 {
		year--
	}
	era := (year+400)/400 - 1 // year / 400 rounded down, for year ≥ -1
	yoe := year - era*400
	doy := (153*((month+9)%12)+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
