package com.exampleco.timesheets.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TimesheetsApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(TimesheetsApiApplication.class, args);
	}

}
